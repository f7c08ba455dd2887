package scaffold

import (
	"embed"
	"io/fs"
	"path"
	"strings"
)

// starter is the site `careguide init` makes. Its files are text/templates
// of SiteData; "all:" keeps content/_index.md, which embed would skip.
//
//go:embed all:starter
var starter embed.FS

// SiteData is what the starter site's files can use.
type SiteData struct {
	Title string // the site's title, in site.yaml
	Date  string // today, YYYY-MM-DD, the example guide's updated date
}

// File is one file of a new site.
type File struct {
	Path string // slash path inside the site dir: "content/_index.md"
	Data []byte
}

// Site returns the files of a new site, sorted by path. The site builds as
// it is: site.yaml, a home page, a guides section and one example guide.
func Site(data SiteData) ([]File, error) {
	var files []File
	err := fs.WalkDir(starter, "starter", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(starter, p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "starter/")
		out, err := execute(path.Base(rel), string(src), data)
		if err != nil {
			return err
		}
		files = append(files, File{Path: rel, Data: out})
		return nil
	})
	return files, err
}
