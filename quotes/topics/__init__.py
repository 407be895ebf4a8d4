"""Topics: a curated taxonomy (TOML in, TOML out) and rule-based topic suggestions."""
