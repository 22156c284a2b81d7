"""What `check` says about the words, beyond their shape: person-first
language (`language`), cues that give self-check answers away (`items`), and
the content policy: nothing a contributor writes may run, embed or fetch
(`policy`).

May import `builder.content`; nothing from the layers below it."""
