"""Demo content: a realistic site for a city's education office, written for this project."""
