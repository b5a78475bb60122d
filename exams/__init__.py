"""Question bank, exams, attempts and grading, import/export, and work credentials."""
