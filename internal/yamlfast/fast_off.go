//go:build noyamlfast

package yamlfast

const fastPath = false
