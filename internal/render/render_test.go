package render

import "testing"

func TestDict(t *testing.T) {
	m, err := dict("Data", 1, "Pages", "x")
	if err != nil || m["Data"] != 1 || m["Pages"] != "x" {
		t.Errorf("dict = %v, %v", m, err)
	}
	if _, err := dict("odd"); err == nil {
		t.Error("odd number of arguments accepted")
	}
	if _, err := dict(1, 2); err == nil {
		t.Error("non-text key accepted")
	}
}
