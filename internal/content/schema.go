package content

// JSONSchema methods describe a frontmatter value type as JSON Schema
// (draft 2020-12) for package schema, which finds them by reflection. They
// sit next to the DecodeYAML methods in values.go because the two must
// agree: a schema may be stricter than the parser (it is a hint for
// editors; careguide check is the authority) but never looser.

func (Difficulty) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "enum": Difficulties}
}

func (GearKind) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "enum": GearKinds}
}

func (EnrichmentKind) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "enum": EnrichmentKinds}
}

func (Effort) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "enum": Efforts}
}

// The duration patterns match decode's whole numbers 1 to 9999; decode
// also takes a leading "+" or zeros, which nobody should write.

func (SessionTime) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "pattern": "^[1-9][0-9]{0,3}[mh]$",
		"description": "minutes (10m) or hours (1h)"}
}

func (TotalTime) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "pattern": "^[1-9][0-9]{0,3}[dw]$",
		"description": "days (5d) or weeks (4w)"}
}

// JSONSchema asks for YYYY-MM-DD only, though decode also takes a full
// RFC 3339 timestamp: the day is all a guide shows.
func (Date) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "format": "date",
		"pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "a day, YYYY-MM-DD"}
}

func (WebURL) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "format": "uri", "pattern": "^https?://[^/?#]+",
		"description": "an absolute web address, starting with https://"}
}

func (Text) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "description": "Markdown"}
}

func (Ref) JSONSchema() map[string]any {
	return map[string]any{"type": "string",
		"description": "a path inside content/, e.g. guides/leash-training.md or guides/harness.jpg"}
}
