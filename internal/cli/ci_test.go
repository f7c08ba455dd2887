package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// workflow is the part of GitHub Actions' workflow syntax init writes.
// It is decoded strictly, so a key the template misspells fails the test.
type workflow struct {
	Name        string
	On          map[string]*struct{ Branches []string }
	Permissions map[string]string
	Env         map[string]string
	Jobs        map[string]struct {
		If          string `yaml:"if"`
		RunsOn      string `yaml:"runs-on"`
		Permissions map[string]string
		Concurrency struct {
			Group            string
			CancelInProgress bool `yaml:"cancel-in-progress"`
		}
		Environment struct{ Name, URL string }
		Steps       []workflowStep
	}
}

type workflowStep struct {
	Name, ID, Uses, Run string
	With                map[string]string
	Env                 map[string]string
}

// stepUsing returns the index of the first step of steps that uses the
// action (owner/name, any version), or -1.
func stepUsing(steps []workflowStep, action string) int {
	return slices.IndexFunc(steps, func(s workflowStep) bool { return strings.HasPrefix(s.Uses, action+"@") })
}

// TestInitCIGitHub reads the workflow init --ci github writes as GitHub
// would, checks its triggers, jobs, steps and permissions, and runs its
// careguide commands on the site init made.
func TestInitCIGitHub(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := run(t, "init", dir, "--ci", "github")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	name := filepath.Join(dir, ".github", "workflows", "careguide.yml")
	if !strings.Contains(stdout, name+"\n") || !strings.Contains(stdout, "GitHub Actions") {
		t.Errorf("stdout does not list the workflow or say how to turn Pages on:\n%s", stdout)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&wf); err != nil {
		t.Fatalf("the workflow is not the YAML GitHub reads: %v", err)
	}

	if _, ok := wf.On["pull_request"]; !ok {
		t.Error("the workflow does not run on pull requests")
	}
	if push := wf.On["push"]; push == nil || !slices.Equal(push.Branches, []string{"main"}) {
		t.Errorf("on.push = %+v, want branches [main]", push)
	}
	if wf.Permissions["contents"] != "read" || len(wf.Permissions) != 1 {
		t.Errorf("workflow permissions %v, want only contents: read", wf.Permissions)
	}
	if v := wf.Env["CAREGUIDE_VERSION"]; v != "latest" {
		t.Errorf("CAREGUIDE_VERSION %q, want latest for a devel build", v)
	}
	pinned := regexp.MustCompile(`^actions/[a-z-]+@v\d+$`)
	for jobName, job := range wf.Jobs {
		if job.RunsOn != "ubuntu-latest" {
			t.Errorf("job %s runs on %q", jobName, job.RunsOn)
		}
		for _, s := range job.Steps {
			if s.Uses != "" && !pinned.MatchString(s.Uses) {
				t.Errorf("job %s: %q is not an action pinned to a major version", jobName, s.Uses)
			}
		}
	}

	check, ok := wf.Jobs["check"]
	if !ok || !strings.Contains(check.If, "pull_request") {
		t.Fatalf("no check job for pull requests: %+v", wf.Jobs)
	}
	if stepUsing(check.Steps, "actions/checkout") < 0 || stepUsing(check.Steps, "actions/setup-go") < 0 ||
		!slices.ContainsFunc(check.Steps, func(s workflowStep) bool { return s.Run == "careguide check --format github" }) {
		t.Errorf("the check job does not check out, set up Go and run careguide check --format github: %+v", check.Steps)
	}

	deploy, ok := wf.Jobs["deploy"]
	if !ok || !strings.Contains(deploy.If, "refs/heads/main") {
		t.Fatalf("no deploy job for main: %+v", wf.Jobs)
	}
	for perm, want := range map[string]string{"contents": "read", "pages": "write", "id-token": "write"} {
		if deploy.Permissions[perm] != want {
			t.Errorf("deploy permission %s = %q, want %q", perm, deploy.Permissions[perm], want)
		}
	}
	if deploy.Concurrency.Group == "" || deploy.Concurrency.CancelInProgress {
		t.Errorf("deploy concurrency %+v: want one group, a deploy never cancelled midway", deploy.Concurrency)
	}
	if deploy.Environment.Name != "github-pages" || deploy.Environment.URL != "${{ steps.deployment.outputs.page_url }}" {
		t.Errorf("deploy environment %+v", deploy.Environment)
	}
	configure, upload, publish := stepUsing(deploy.Steps, "actions/configure-pages"),
		stepUsing(deploy.Steps, "actions/upload-pages-artifact"), stepUsing(deploy.Steps, "actions/deploy-pages")
	build := slices.IndexFunc(deploy.Steps, func(s workflowStep) bool { return strings.HasPrefix(s.Run, "careguide build ") })
	if !(configure >= 0 && configure < build && build < upload && upload < publish) {
		t.Fatalf("deploy steps out of order or missing (configure %d, build %d, upload %d, deploy %d)", configure, build, upload, publish)
	}
	if id := deploy.Steps[configure].ID; deploy.Steps[build].Env["BASE_URL"] != "${{ steps."+id+".outputs.base_url }}" {
		t.Errorf("the build's BASE_URL is %q, not configure-pages' base_url", deploy.Steps[build].Env["BASE_URL"])
	}
	if deploy.Steps[publish].ID != "deployment" {
		t.Errorf("the deploy step's id is %q; the environment URL reads steps.deployment", deploy.Steps[publish].ID)
	}
	buildArgs := shellWords(deploy.Steps[build].Run)
	out := buildArgs[slices.Index(buildArgs, "--out")+1]
	if !slices.Contains(buildArgs, "--base-url") || deploy.Steps[upload].With["path"] != out {
		t.Errorf("the build (%q) does not take --base-url or write where the upload (%q) reads", deploy.Steps[build].Run, deploy.Steps[upload].With["path"])
	}

	// The commands exist with these flags, and do their job on the site
	// init made, run from its root as the workflow runs them.
	var cmds []commandLine
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			cmds = append(cmds, careguideCommands(name, s.Run)...)
		}
	}
	if len(cmds) != 2 {
		t.Fatalf("%d careguide commands in the workflow, want check and build", len(cmds))
	}
	checkCommands(t, cmds)
	t.Chdir(dir)
	for _, c := range cmds {
		args := slices.Clone(c.args)
		for i, a := range args {
			args[i] = strings.ReplaceAll(a, "$BASE_URL", "https://user.github.io/repo")
		}
		if code, stdout, stderr := run(t, args...); code != ExitOK {
			t.Errorf("careguide %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !bytes.Contains(home, []byte("https://user.github.io/repo/")) {
		t.Errorf("the built home page does not use the Pages address (%v)", err)
	}
}

func TestInitCIUnknown(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	code, _, stderr := run(t, "init", dir, "--ci", "gitlab")
	if code != ExitUsage || !strings.Contains(stderr, `--ci "gitlab"`) || !strings.Contains(stderr, "github") {
		t.Errorf("exit %d, stderr %q; want a usage error naming what --ci knows", code, stderr)
	}
	if exists(dir) {
		t.Error("init made the site dir before refusing --ci")
	}
}
