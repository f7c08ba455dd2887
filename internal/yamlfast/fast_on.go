//go:build !noyamlfast

package yamlfast

// fastPath is false when built with -tags noyamlfast: every document then
// goes to yaml.v3, which is how the saving in doc.go is measured.
const fastPath = true
