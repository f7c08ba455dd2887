// careguide's default theme works without JavaScript; this file is where
// progressive enhancements go.
