package yamlfast

import (
	"strings"
	"time"
)

// resolvePlain returns the tag yaml.v3 gives plain scalar s, mirroring
// resolve() in its resolve.go for the cases that are cheap to get exactly
// right: !!str, !!null, !!bool, decimal !!int and date-only !!timestamp.
// For anything else (floats, other integer forms, other timestamps, the
// merge key) it returns "" and the caller falls back.
func resolvePlain(s string) string {
	switch c := s[0]; {
	case c >= '0' && c <= '9', c == '-', c == '+':
		return resolveNumber(s)
	case c == '.':
		// strconv.ParseFloat accepts a leading '.' only before a digit.
		if len(s) > 1 && isDigit(s[1]) || isSpecialFloat(s) {
			return ""
		}
	case c == '<':
		if s == "<<" {
			return ""
		}
	case c == '~':
		if s == "~" {
			return "!!null"
		}
	case c == 'n' || c == 'N':
		if s == "null" || s == "Null" || s == "NULL" {
			return "!!null"
		}
	case c == 't' || c == 'T' || c == 'f' || c == 'F':
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		}
	}
	return "!!str"
}

func isSpecialFloat(s string) bool {
	switch s {
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF":
		return true
	}
	return false
}

// resolveNumber handles scalars starting with a digit or sign, where
// yaml.v3 tries timestamps, integers in several bases and floats.
func resolveNumber(s string) string {
	if s[0] == '+' || len(s) > 1 && s[0] == '-' && s[1] == '.' {
		return "" // +1, +.inf, -.inf, -.5 ...
	}
	if len(s) >= 5 && isDigits(s[:4]) && s[4] == '-' {
		if isDate(s) {
			return "!!timestamp"
		}
		return "" // other timestamp forms, or yaml.v3's str/int/float guess
	}
	digits := s
	if s[0] == '-' {
		digits = s[1:]
	}
	// Decimal without leading zeros (007 is octal, 08 a float) and short
	// enough to fit an int64.
	if len(digits) > 0 && len(digits) <= 18 && isDigits(digits) &&
		(digits[0] != '0' || len(digits) == 1) {
		return "!!int"
	}
	if mayBeNumber(s) {
		return ""
	}
	return "!!str"
}

// isDate reports whether s is exactly YYYY-MM-DD and a real date, which is
// all yaml.v3's date-only timestamp layout matches at this length.
func isDate(s string) bool {
	if len(s) != 10 || !isDigits(s[:4]) || s[4] != '-' || !isDigits(s[5:7]) ||
		s[7] != '-' || !isDigits(s[8:]) {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// mayBeNumber reports whether yaml.v3 could read s (starting with a digit
// or '-') as an int or float. It strips underscores, then tries Go's
// ParseInt/ParseUint with base 0 (so 0x, 0o, 0b prefixes), then its float
// pattern. Without underscores or a prefix, every string ParseInt accepts
// also matches the float pattern, so that pattern alone decides.
func mayBeNumber(s string) bool {
	if strings.IndexByte(s, '_') >= 0 {
		return true
	}
	t := strings.TrimPrefix(s, "-")
	if len(t) >= 2 && t[0] == '0' && strings.IndexByte("xXoObB", t[1]) >= 0 {
		return true
	}
	return isFloatSyntax(s)
}

// isFloatSyntax matches yaml.v3's yamlStyleFloat:
// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
func isFloatSyntax(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	if i < len(s) && s[i] == '.' {
		if i = skipDigits(s, i+1); i == -1 {
			return false
		}
	} else {
		if i = skipDigits(s, i); i == -1 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			for i++; i < len(s) && isDigit(s[i]); i++ {
			}
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		i = skipDigits(s, i)
	}
	return i == len(s)
}

// skipDigits returns the offset after one or more digits at i, or -1.
func skipDigits(s string, i int) int {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == i {
		return -1
	}
	return j
}
