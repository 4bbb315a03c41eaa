"""rubricdsl: a declarative language for performance-evaluation scoring rubrics."""
