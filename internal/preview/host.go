package preview

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// DefaultAddr is where the preview listens when the user names no address.
const DefaultAddr = "127.0.0.1:1313"

// ListenAddr completes the address the user gave: "" is DefaultAddr, a
// bare port ("8080" or ":8080") is that port on 127.0.0.1, a bare host
// gets port 1313. Only an address that names a host binds anything but
// loopback.
func ListenAddr(addr string) string {
	defHost, defPort, _ := net.SplitHostPort(DefaultAddr)
	if addr == "" {
		return DefaultAddr
	}
	if strings.Trim(addr, "0123456789") == "" {
		return net.JoinHostPort(defHost, addr)
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil { // no port: "localhost", "::1", "[::1]"
		host, port = strings.Trim(addr, "[]"), defPort
	}
	if host == "" {
		host = defHost
	}
	if port == "" {
		port = defPort
	}
	return net.JoinHostPort(host, port)
}

// Listen listens on ListenAddr(addr) over TCP. Pass the listener's
// Addr().String() to Options.Addr.
func Listen(addr string) (net.Listener, error) {
	return net.Listen("tcp", ListenAddr(addr))
}

// hostCheck decides which Host headers the server answers. A browser
// sends the name from the URL bar as Host; a page on evil.example whose
// name was re-pointed at 127.0.0.1 (DNS rebinding) sends evil.example, so
// refusing unknown names keeps other sites from reading the preview.
type hostCheck struct {
	names map[string]bool
	port  string // "" when any port goes (the bound port is unknown)
	// anyIP is set when bound to all interfaces (0.0.0.0, ::): the user
	// wants to reach the preview from another device by its IP address,
	// and an IP literal cannot be a rebinding attack, which needs a name.
	anyIP bool
}

func newHostCheck(addr string, extra []string) hostCheck {
	c := hostCheck{names: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if port != "0" {
		c.port = port
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		c.anyIP = addr != ""
	} else {
		c.names[normalHost(host)] = true
	}
	for _, h := range extra {
		c.names[normalHost(h)] = true
	}
	return c
}

func normalHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(strings.Trim(h, "[]")), ".")
}

// allows reports whether hostport, a Host header or an origin's host, is
// one of the server's own names, with the bound port or none.
func (c hostCheck) allows(hostport string) bool {
	host, port := hostport, ""
	if i := strings.LastIndexByte(hostport, ':'); i >= 0 && !strings.HasSuffix(hostport, "]") {
		host, port = hostport[:i], hostport[i+1:]
	}
	if strings.Contains(host, ":") && !strings.HasPrefix(host, "[") {
		return false // a bare IPv6 address: not a valid Host
	}
	if port != "" && c.port != "" && port != c.port {
		return false
	}
	host = normalHost(host)
	return host != "" && (c.names[host] || c.anyIP && net.ParseIP(host) != nil)
}

// refuse answers 403 unless the request is for one of the server's own
// names and, when it says where it comes from, from one of its own pages.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request) bool {
	if !s.hosts.allows(r.Host) {
		plain(w, http.StatusForbidden, "careguide preview: refusing Host "+quote(r.Host)+
			": this server answers only localhost, 127.0.0.1, [::1] and the names it was told to allow, "+
			"so other web sites cannot reach it through their own domain names (DNS rebinding).")
		return true
	}
	if o := r.Header.Get("Origin"); o != "" && !s.ownOrigin(o) {
		plain(w, http.StatusForbidden, "careguide preview: refusing a request from origin "+quote(o)+
			": only pages of this preview may use it.")
		return true
	}
	return false
}

func (s *Server) ownOrigin(origin string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Scheme == "http" && u.Opaque == "" && u.User == nil &&
		u.Path == "" && u.RawQuery == "" && u.Fragment == "" && s.hosts.allows(u.Host)
}

// quote keeps what the client sent from turning the message into
// something else (it is plain text, but may be shown in a terminal).
func quote(s string) string {
	if len(s) > 100 {
		s = s[:100] + "..."
	}
	return strings.ToValidUTF8(strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return '?'
		}
		return r
	}, `"`+s+`"`), "?")
}
