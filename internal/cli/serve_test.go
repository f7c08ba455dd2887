package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/output"
	"github.com/careguide/careguide/internal/sitegen"
	"github.com/careguide/careguide/internal/watch"
)

// A preview of a generated site, served by the real serve loop: real
// files, real fsnotify, a real server on 127.0.0.1.
type previewSite struct {
	url     string
	dir     string
	results chan rebuilt
	stderr  *syncBuffer
	stop    func()
	// holdAfter, when set, names a file whose rebuild the serve loop
	// reports and then waits on release: batches the watcher sends
	// meanwhile merge in its mailbox.
	holdMu    sync.Mutex
	holdAfter string
	release   chan struct{}
	sent      chan watch.Batch // every batch the watcher hands over
	sentinel  int              // sentinel files written so far
}

// rebuilt is one rebuild the serve loop reported.
type rebuilt struct {
	r     *build.Result
	paths []string // the batch's; none for the first build
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// hangGuard bounds every wait; it guards against hangs and asserts no speed.
const hangGuard = 20 * time.Second

func startPreview(t testing.TB, dir string) *previewSite {
	t.Helper()
	p, r := startPreviewOf(t, dir)
	if !r.OK() {
		t.Fatalf("first build: %v", r.Diags)
	}
	return p
}

// startPreviewOf starts serve on dir and returns its first build, good or
// not.
func startPreviewOf(t testing.TB, dir string) (*previewSite, *build.Result) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &previewSite{url: "http://" + ln.Addr().String() + "/", dir: dir,
		results: make(chan rebuilt, 100), stderr: &syncBuffer{}, release: make(chan struct{}), sent: make(chan watch.Batch, 1000)}
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, ln, serveOptions{fsys: os.DirFS(dir), dir: dir, stderr: p.stderr,
			rebuilt: func(r *build.Result, paths []string) {
				p.results <- rebuilt{r, paths}
				p.holdMu.Lock()
				hold := p.holdAfter != "" && slices.Contains(paths, p.holdAfter)
				if hold {
					p.holdAfter = "" // hold once
				}
				p.holdMu.Unlock()
				if hold {
					<-p.release
				}
			},
			sent: func(b watch.Batch) {
				select {
				case p.sent <- b:
				default: // nobody is listening
				}
			},
		})
	}()
	p.stop = func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
		case <-time.After(hangGuard):
			t.Error("serve did not stop")
		}
	}
	t.Cleanup(p.stop)
	// The first build of a 10,000-guide benchmark site takes a while on a
	// busy machine; this too is only a hang guard.
	select {
	case r := <-p.results:
		return p, r.r
	case <-time.After(10 * time.Minute):
		t.Fatalf("no first build; stderr:\n%s", p.stderr)
		return nil, nil
	}
}

func generated(t testing.TB, guides int) string {
	t.Helper()
	dir := t.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Guides: guides, Sections: 2, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// next waits for the next rebuild.
func (p *previewSite) next(t testing.TB) *build.Result { return p.nextBatch(t).r }

// nextBatch waits for the next rebuild and the batch it rebuilt.
func (p *previewSite) nextBatch(t testing.TB) rebuilt {
	t.Helper()
	select {
	case r := <-p.results:
		return r
	case <-time.After(hangGuard):
		t.Fatalf("no rebuild; stderr:\n%s", p.stderr)
		return rebuilt{}
	}
}

// quiet checks that nothing since the last rebuild starts another: it
// writes a sentinel file, and the next rebuild must be of that file alone.
// Changes reach the serve loop in order, so one that started a rebuild of
// its own, or came late into the sentinel's, shows there; no waiting for
// nothing to happen.
func (p *previewSite) quiet(t testing.TB) {
	t.Helper()
	p.sentinel++
	name := "content/sentinel-" + strconv.Itoa(p.sentinel) + ".txt"
	p.write(t, name, "a file only tests write\n")
	if got := p.nextBatch(t); !slices.Equal(got.paths, []string{name}) {
		t.Errorf("unexpected rebuild of %v (changed %v); want only the sentinel %s", got.paths, got.r.Changed, name)
	}
}

func (p *previewSite) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(p.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// write saves text at rel, making its folders. It saves atomically, as
// most editors do, so a rebuild never reads a file half-written: on a
// loaded machine a plain write's truncation and its data can land in two
// batches, and the first then fails for a moment. (Package watch tests
// plain writes.)
func (p *previewSite) write(t testing.TB, rel, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(p.dir, rel)), 0o755); err != nil {
		t.Fatal(err)
	}
	saveFile(t, filepath.Join(p.dir, rel), text)
}

func (p *previewSite) read(t testing.TB, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(p.dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// saveFile saves text at the OS path name atomically; see write.
func saveFile(t testing.TB, name, text string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

const guide = "content/section-1/guide-0001.md"

// A1, A5: an edit saved the way editors save rebuilds once, renders one
// page, and the server answers with the new text.
func TestServeEditRebuildsOnePage(t *testing.T) {
	p := startPreview(t, generated(t, 12))
	p.write(t, guide, p.read(t, guide)+"\nA sentence added in the editor.\n")
	r := p.next(t)
	if !r.OK() || r.Rendered != 1 {
		t.Fatalf("rebuild: ok %v, rendered %d pages; want one page (%v)", r.OK(), r.Rendered, r.Diags)
	}
	if _, body := p.get(t, "section-1/guide-0001/"); !strings.Contains(body, "A sentence added in the editor.") {
		t.Error("the server does not answer with the new text")
	}
	p.quiet(t)
}

// A9: a broken edit prints file:line:col, keeps the last good page up, and
// the fix brings the new page.
func TestServeBrokenEditKeepsLastGoodBuild(t *testing.T) {
	p := startPreview(t, generated(t, 6))
	_, before := p.get(t, "section-1/guide-0001/")
	text := p.read(t, guide)
	p.write(t, guide, strings.Replace(text, "title: ", "title: [broken ", 1))
	if r := p.next(t); r.OK() {
		t.Fatal("a broken file built")
	}
	if !strings.Contains(p.stderr.String(), guide+":2:") || !strings.Contains(p.stderr.String(), "still serving the last good build") {
		t.Errorf("stderr does not point at the problem:\n%s", p.stderr)
	}
	if code, body := p.get(t, "section-1/guide-0001/"); code != 200 || stripBuildID(body) != stripBuildID(before) {
		t.Errorf("after a failed rebuild the page answers %d and changed", code)
	}
	p.write(t, guide, strings.Replace(text, "title: ", "title: Fixed ", 1))
	if r := p.next(t); !r.OK() {
		t.Fatalf("the fix did not build: %v", r.Diags)
	}
	if _, body := p.get(t, "section-1/guide-0001/"); !strings.Contains(body, "Fixed ") {
		t.Error("the fixed page is not served")
	}
}

// A2, A3, A4: a new folder is watched and built; renaming it moves its
// pages; deleting a guide removes its page.
func TestServeFoldersAndDeletes(t *testing.T) {
	p := startPreview(t, generated(t, 6))
	p.write(t, "content/ferrets/_index.md", "---\ntitle: Ferrets\n---\nFerret care.\n")
	p.write(t, "content/ferrets/harness.md", "---\ntitle: Ferret harness\ndescription: Fitting one.\n---\nText.\n")
	waitFor(t, p, func() bool { code, _ := p.get(t, "ferrets/harness/"); return code == 200 })
	// A guide written into the new folder after it was created is seen
	// too: the folder is watched.
	p.write(t, "content/ferrets/play.md", "---\ntitle: Ferret play\ndescription: Games.\n---\nText.\n")
	waitFor(t, p, func() bool { code, _ := p.get(t, "ferrets/play/"); return code == 200 })

	if err := os.Rename(filepath.Join(p.dir, "content/ferrets"), filepath.Join(p.dir, "content/mustelids")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, p, func() bool {
		gone, _ := p.get(t, "ferrets/harness/")
		moved, _ := p.get(t, "mustelids/harness/")
		return gone == 404 && moved == 200
	})
	p.write(t, "content/mustelids/play.md", "---\ntitle: Ferret games\ndescription: Games.\n---\nText.\n")
	waitFor(t, p, func() bool { _, body := p.get(t, "mustelids/play/"); return strings.Contains(body, "Ferret games") })

	if err := os.Remove(filepath.Join(p.dir, "content/mustelids/play.md")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, p, func() bool { code, _ := p.get(t, "mustelids/play/"); return code == 404 })
}

// A7: a burst of writes gives one rebuild of all of them, not one a file:
// while the serve loop is busy, the watcher merges what comes in. The loop
// is held busy on purpose (holdAfter) while the burst lands, and let go
// once the watcher has handed over the burst's last file, so the count is
// exact, whatever the machine's speed.
func TestServeBurstIsOneRebuild(t *testing.T) {
	p := startPreview(t, generated(t, 4))
	name := func(i int) string { return "content/burst/n" + strings.Repeat("x", i%7) + strconv.Itoa(i) + ".md" }
	p.holdMu.Lock()
	p.holdAfter = guide // hold the loop after this edit's rebuild
	p.holdMu.Unlock()
	p.write(t, guide, p.read(t, guide)+"\nBefore the burst.\n")
	if r := p.next(t); !r.OK() {
		t.Fatal(r.Diags)
	}
	for i := range 200 {
		p.write(t, name(i), "---\ntitle: Burst "+strconv.Itoa(i)+"\ndescription: One of many.\n---\nText.\n")
	}
	last := "content/burst/zz-last.md"
	p.write(t, last, "---\ntitle: Last of the burst\ndescription: d\n---\nText.\n")
	for b := range p.sent { // events of one folder come in order: the last file's batch is the last
		if slices.Contains(b.Paths, last) {
			break
		}
	}
	p.release <- struct{}{} // let the loop go: it takes every batch at once
	got := p.nextBatch(t)
	if !got.r.OK() {
		t.Fatal(got.r.Diags)
	}
	for _, want := range []string{name(0), name(99), name(199), last} {
		if !slices.Contains(got.paths, want) {
			t.Errorf("the rebuild after the burst lacks %s", want)
		}
	}
	for _, file := range []string{name(0), name(199), last} {
		page := strings.TrimSuffix(strings.TrimPrefix(file, "content/"), ".md") + "/"
		if code, _ := p.get(t, page); code != 200 {
			t.Errorf("%s: %d after the burst", page, code)
		}
	}
	p.quiet(t) // and no rebuild after it
}

// A8: site.yaml and templates are watched too.
func TestServeConfigAndTemplateChanges(t *testing.T) {
	p := startPreview(t, generated(t, 4))
	p.write(t, "site.yaml", strings.Replace(p.read(t, "site.yaml"), "title: ", "title: Renamed site ", 1))
	waitFor(t, p, func() bool { _, body := p.get(t, ""); return strings.Contains(body, "Renamed site") })
	p.write(t, "templates/partials/footer.html", `{{define "footer"}}<footer>A footer of our own</footer>{{end}}`)
	waitFor(t, p, func() bool {
		_, body := p.get(t, "section-1/guide-0001/")
		return strings.Contains(body, "A footer of our own")
	})
}

// waitFor polls the server until cond holds, consuming rebuild reports.
func waitFor(t *testing.T, p *previewSite, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition never held; stderr:\n%s", p.stderr)
		}
		select {
		case <-p.results:
		case <-time.After(20 * time.Millisecond): // asks cond again; asserts nothing
		}
	}
}

func stripBuildID(html string) string {
	i := strings.Index(html, `<meta name="careguide-build" content="`)
	if i < 0 {
		return html
	}
	j := strings.Index(html[i:], ">")
	return html[:i] + html[i+j+1:]
}

// build --watch writes what changed into the output dir, each file whole,
// and never touches the site's own files.
func TestBuildWatchUpdatesOutput(t *testing.T) {
	dir := generated(t, 6)
	out := filepath.Join(dir, "public")
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- watchBuild(ctx, os.DirFS(dir), dir, out, build.Options{}, output.Options{SiteDir: dir}, false, stderr)
	}()
	page := filepath.Join(out, "section-1/guide-0001/index.html")
	waitForFile(t, stderr, func() bool { _, err := os.Stat(page); return err == nil })
	src := filepath.Join(dir, guide)
	text, _ := os.ReadFile(src)
	edited := string(text) + "\nWritten while watching.\n"
	saveFile(t, src, edited)
	waitForFile(t, stderr, func() bool {
		data, _ := os.ReadFile(page)
		return strings.Contains(string(data), "Written while watching.")
	})
	// A guide nobody links to: added, then deleted.
	extra := filepath.Join(dir, "content/section-1/extra.md")
	extraPage := filepath.Join(out, "section-1/extra/index.html")
	saveFile(t, extra, "---\ntitle: Extra\ndescription: Added and removed.\n---\nText.\n")
	waitForFile(t, stderr, func() bool { _, err := os.Stat(extraPage); return err == nil })
	os.Remove(extra)
	waitForFile(t, stderr, func() bool { _, err := os.Stat(extraPage); return os.IsNotExist(err) })
	cancel()
	if code := <-done; code != ExitOK {
		t.Errorf("build --watch exited %d; stderr:\n%s", code, stderr)
	}
	if now, _ := os.ReadFile(src); string(now) != edited {
		t.Error("build --watch changed the guide's source file")
	}
	if strings.Contains(stderr.String(), "error") {
		t.Errorf("stderr:\n%s", stderr)
	}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if strings.HasSuffix(p, ".careguide-tmp") {
			t.Errorf("temp file left: %s", p)
		}
		return nil
	})
}

func waitForFile(t *testing.T, stderr *syncBuffer, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition never held; stderr:\n%s", stderr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A4, A6: deleting a guide others link to is an error at each link, the
// last good site stays up; editor noise starts no rebuild at all.
func TestServeDeletedLinkTargetAndEditorNoise(t *testing.T) {
	p := startPreview(t, generated(t, 6))
	for _, noise := range []string{"content/section-1/.guide-0001.md.swp", "content/section-1/guide-0001.md~", "content/section-1/4913", "content/section-1/#guide-0001.md#"} {
		p.write(t, noise, "editor scratch")
	}
	p.quiet(t)
	text := p.read(t, guide)
	if err := os.Remove(filepath.Join(p.dir, guide)); err != nil {
		t.Fatal(err)
	}
	r := p.next(t)
	if r.OK() {
		t.Fatal("deleting a guide other guides link to built without errors")
	}
	var found bool
	for _, d := range r.Diags {
		if d.Line > 0 && strings.Contains(d.Message, "section-1/guide-0001.md") && strings.Contains(d.Message, "does not exist") {
			found = true
		}
	}
	if !found {
		t.Errorf("no error at a link to the deleted guide: %v", r.Diags)
	}
	if code, _ := p.get(t, "section-1/guide-0001/"); code != 200 {
		t.Errorf("the last good page answers %d after a failed rebuild", code)
	}
	p.write(t, guide, text)
	if r := p.next(t); !r.OK() {
		t.Errorf("restoring the guide did not fix the site: %v", r.Diags)
	}
}

// A save that changes nothing publishes nothing: open pages do not reload.
func TestServeUnchangedSaveKeepsTheBuild(t *testing.T) {
	p := startPreview(t, generated(t, 4))
	_, before := p.get(t, "section-1/guide-0001/")
	p.write(t, guide, p.read(t, guide))
	if r := p.next(t); !r.OK() || len(r.Changed) > 0 {
		t.Fatalf("unchanged save: ok %v, changed %v", r.OK(), r.Changed)
	}
	if _, after := p.get(t, "section-1/guide-0001/"); after != before {
		t.Error("an unchanged save published a new build (the build id changed)")
	}
}

// A stylesheet edit tells open pages to swap the stylesheet (event kind
// "css", old URL to new), not to reload; a guide edit tells them to
// reload.
func TestServeStylesheetEditSwapsCSS(t *testing.T) {
	p := startPreview(t, generated(t, 4))
	req, _ := http.NewRequest("GET", p.url+"_careguide/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				events <- data
			}
		}
		close(events)
	}()
	next := func() map[string]any {
		t.Helper()
		select {
		case data := <-events:
			var ev map[string]any
			if err := json.Unmarshal([]byte(data), &ev); err != nil {
				t.Fatal(err)
			}
			return ev
		case <-time.After(hangGuard):
			t.Fatal("no event")
			return nil
		}
	}
	next() // the state on connect
	css, err := careguide.Default.ReadFile("assets/css/main.css")
	if err != nil {
		t.Fatal(err)
	}
	// The site's own copy of the stylesheet: new folders, so a reload.
	p.write(t, "assets/css/main.css", string(css)+"\n/* ours */\n")
	p.next(t)
	next()
	p.write(t, "assets/css/main.css", string(css)+"\nbody { outline: 0; }\n")
	p.next(t)
	if ev := next(); ev["kind"] != "css" || len(ev["css"].(map[string]any)) != 1 {
		t.Errorf("after a stylesheet edit: %v, want kind css with one stylesheet moved", ev)
	}
	p.write(t, guide, p.read(t, guide)+"\nMore.\n")
	p.next(t)
	if ev := next(); ev["kind"] != "reload" {
		t.Errorf("after a guide edit: %v, want kind reload", ev)
	}
}

// F38 end to end: clients load pages and their stylesheets while a guide
// is saved again and again. No request fails, every page is whole and
// carries one build id, and the stylesheet it names can be fetched.
func TestServeLoadDuringEditStorm(t *testing.T) {
	p := startPreview(t, generated(t, 8))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var failures atomic.Int64
	fail := func(format string, args ...any) {
		if failures.Add(1) <= 5 {
			t.Errorf(format, args...)
		}
	}
	cssURL := regexp.MustCompile(`href="(/[^"]+\.css)"`)
	pages := []string{"", "section-1/", "section-1/guide-0001/", "section-2/", "enrichment/", "search/"}
	var loads atomic.Int64
	for c := range 4 {
		wg.Go(func() {
			client := &http.Client{}
			for i := c; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Get(p.url + pages[i%len(pages)])
				if err != nil {
					fail("GET %s: %v", pages[i%len(pages)], err)
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				loads.Add(1)
				html := string(body)
				if err != nil || resp.StatusCode != 200 || !strings.HasSuffix(strings.TrimSpace(html), "</html>") ||
					strings.Count(html, `<meta name="careguide-build"`) != 1 {
					fail("GET %s: status %d, a torn or doubled page (%d bytes, err %v)", pages[i%len(pages)], resp.StatusCode, len(body), err)
					continue
				}
				m := cssURL.FindStringSubmatch(html)
				if m == nil {
					fail("page %s names no stylesheet", pages[i%len(pages)])
					continue
				}
				css, err := client.Get(strings.TrimSuffix(p.url, "/") + m[1])
				if err != nil || css.StatusCode != 200 {
					fail("stylesheet %s of a served page: %v %v", m[1], err, css.Status)
				}
				if css != nil {
					io.Copy(io.Discard, css.Body)
					css.Body.Close()
				}
			}
		})
	}
	text := p.read(t, guide)
	style, _ := careguide.Default.ReadFile("assets/css/main.css")
	for i := range 30 {
		p.write(t, guide, text+"\nEdit "+strconv.Itoa(i)+".\n")
		if i%5 == 0 { // the stylesheet's fingerprint changes too
			p.write(t, "assets/css/main.css", string(style)+"\n/* "+strconv.Itoa(i)+" */\n")
		}
		// Some pages load between this save and the next: the clients
		// run the whole time, and the storm waits for them, not a clock.
		before := loads.Load()
		waitFor(t, p, func() bool { return loads.Load() > before+2 })
	}
	waitFor(t, p, func() bool { _, body := p.get(t, "section-1/guide-0001/"); return strings.Contains(body, "Edit 29.") })
	close(stop)
	wg.Wait()
	t.Logf("%d pages loaded during the storm", loads.Load())
}

// A10 on serve's side: a batch that says events were lost makes a full
// build, and says why.
func TestRescanBuildsEverything(t *testing.T) {
	dir := generated(t, 4)
	builder := build.New(os.DirFS(dir), careguide.Default, build.Options{})
	first := builder.Build()
	if !first.OK() {
		t.Fatal(first.Diags)
	}
	var stderr bytes.Buffer
	r := rebuildBatch(builder, watch.Batch{Rescan: true, Err: errors.New("fsnotify: queue or buffer overflow")}, &stderr)
	if !r.OK() || r.Rendered != first.Rendered {
		t.Errorf("rescan rendered %d pages, want all %d", r.Rendered, first.Rendered)
	}
	if !strings.Contains(stderr.String(), "overflow; reading every file again") {
		t.Errorf("stderr: %q", stderr.String())
	}
}

// A port in use is a usage error with a hint.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := generated(t, 1)
	code, _, stderr := run(t, "serve", "--site", dir, "--addr", ln.Addr().String())
	if code != ExitUsage || !strings.Contains(stderr, "address already in use") || !strings.Contains(stderr, "hint: ") {
		t.Errorf("exit %d, stderr %q; want exit 2 with a hint", code, stderr)
	}
}

// A site that is broken when serve starts shows its problems, and the
// fix brings the site up.
func TestServeStartsOnABrokenSite(t *testing.T) {
	dir := generated(t, 4)
	src := filepath.Join(dir, guide)
	text, _ := os.ReadFile(src)
	saveFile(t, src, strings.Replace(string(text), "title: ", "titel: ", 1))
	p, r := startPreviewOf(t, dir)
	if r.OK() {
		t.Fatal("a broken site built")
	}
	if !strings.Contains(p.stderr.String(), "the preview shows them until they are fixed") {
		t.Errorf("stderr:\n%s", p.stderr)
	}
	if code, _ := p.get(t, "section-1/guide-0001/"); code != http.StatusServiceUnavailable {
		t.Errorf("before any good build a page answers %d, want 503", code)
	}
	saveFile(t, src, string(text))
	if r := p.next(t); !r.OK() {
		t.Fatal(r.Diags)
	}
	if code, _ := p.get(t, "section-1/guide-0001/"); code != 200 {
		t.Errorf("after the fix the page answers %d", code)
	}
}

// Lint runs in serve: the terminal shows the warnings, the page shows its
// own, and an edit that causes one prints just that.
func TestServeShowsWarnings(t *testing.T) {
	p := startPreview(t, generated(t, 4))
	warningsOf := func(page string) string {
		_, body := p.get(t, "_careguide/warnings?page=/"+page)
		return body
	}
	if got := warningsOf("section-1/guide-0001/"); strings.Contains(got, "cites no sources") {
		t.Fatalf("the generated guide has sources, yet: %s", got)
	}
	text := p.read(t, guide)
	i := strings.Index(text, "\nsources:")
	j := strings.Index(text, "\n---\n")
	p.write(t, guide, text[:i]+text[j:])
	if r := p.next(t); !r.OK() {
		t.Fatal(r.Diags)
	}
	if got := warningsOf("section-1/guide-0001/"); !strings.Contains(got, "guide cites no sources") {
		t.Errorf("the page's warnings after the edit: %s", got)
	}
	if got := p.stderr.String(); !strings.Contains(got, "new warning since the last build") || !strings.Contains(got, "guide cites no sources") {
		t.Errorf("the terminal after the edit:\n%s", got)
	}
}

// A site published under a path is previewed under it, exactly as it will
// be published: "/" leads there, pages link under it, a link that forgets
// the base path breaks here as it would once deployed, and moving the site
// in site.yaml moves the preview.
func TestServeUnderBasePath(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.yaml":         "title: Shelter\nbase_url: https://shelter.example.org/care/\nmenus:\n  main:\n    - name: About us\n      url: /about/\n",
		"content/_index.md": "---\ntitle: Home\n---\nSee [about](/about/).\n",
		"content/about.md":  "---\ntitle: About\ndescription: Us.\n---\nHi.\n",
	})
	p := startPreview(t, dir)
	origin := strings.TrimSuffix(p.url, "/")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	status := func(path string) (int, string) {
		t.Helper()
		resp, err := noFollow.Get(origin + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header.Get("Location")
	}
	if code, loc := status("/"); code != http.StatusFound || loc != "/care/" {
		t.Errorf("GET /: %d to %q, want 302 to /care/", code, loc)
	}
	if code, _ := status("/about/"); code != http.StatusNotFound {
		t.Errorf("GET /about/ (without the base path): %d, want 404", code)
	}
	code, home := p.get(t, "care/")
	if code != 200 || strings.Count(home, `href="/care/about/"`) != 2 {
		t.Errorf("GET /care/: %d; want the body link and the menu entry at /care/about/:\n%s", code, home)
	}
	if !strings.Contains(home, `href="`+origin+`/care/"`) { // the canonical link: the preview's origin, the site's path
		t.Errorf("the canonical link is not %s/care/:\n%s", origin, home)
	}
	if !strings.Contains(p.stderr.String(), "serving "+origin+"/care/ ") {
		t.Errorf("serve did not print the site's URL:\n%s", p.stderr)
	}
	p.write(t, "site.yaml", strings.Replace(p.read(t, "site.yaml"), "/care/", "/shelter/", 1))
	if r := p.next(t); !r.OK() {
		t.Fatal(r.Diags)
	}
	if code, loc := status("/"); code != http.StatusFound || loc != "/shelter/" {
		t.Errorf("after the move, GET /: %d to %q", code, loc)
	}
	if code, page := p.get(t, "shelter/about/"); code != 200 || !strings.Contains(page, `href="/shelter/about/"`) {
		t.Errorf("after the move, GET /shelter/about/: %d\n%s", code, page)
	}
	if code, _ := status("/care/"); code != http.StatusNotFound {
		t.Errorf("after the move, GET /care/: %d, want 404", code)
	}
}
