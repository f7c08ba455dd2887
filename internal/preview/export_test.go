package preview

// Streams is the number of open event streams, so tests can wait for a
// tab to be listening before they change the build.
func (s *Server) Streams() int { return int(s.streams.Load()) }
