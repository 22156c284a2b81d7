"""The content model and reading one file: typed dataclasses for every
content kind (`model`, and the practice files' in `practice`), the `Field` their
keys are described with (`schema`), problems as `path:line: message` (`problems`), the
bounded file reader (`files`), the line-keeping YAML reader (`yamlfile`), the
checks of one field's shape (`fields`) and the serve-time memo (`memo`).

Imports nothing else of the builder: every other layer builds on this one."""
