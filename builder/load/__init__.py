"""Loading the course: one loader a content kind (`module`, `quiz`,
`reflections`, `data`) and `course.load_course`, which reads every file,
runs the checks and reports every problem at once.

May import `builder.content` and `builder.checks`."""
