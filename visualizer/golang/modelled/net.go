// Package net as leakviz models it, written for leakviz from the package's
// documented behaviour. The simulation has no network: every dial and listen
// fails as on a machine with no route, so nothing leaves the simulated program.
// What services do with addresses (SplitHostPort, ParseIP, ParseCIDR, Contains)
// works as in Go, for IPv4 and IPv6.
package net

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Addr is a network end point address.
type Addr interface {
	Network() string
	String() string
}

// Conn is a network connection (none is ever made here).
type Conn interface {
	Read(b []byte) (int, error)
	Write(b []byte) (int, error)
	Close() error
	LocalAddr() Addr
	RemoteAddr() Addr
}

// Listener accepts connections (none is ever made here).
type Listener interface {
	Accept() (Conn, error)
	Close() error
	Addr() Addr
}

// OpError is the error a dial or listen returns.
type OpError struct {
	Op  string
	Net string
	Addr Addr
	Err error
}

func (e *OpError) Error() string {
	s := e.Op
	if e.Net != "" {
		s += " " + e.Net
	}
	if e.Addr != nil {
		s += " " + e.Addr.String()
	}
	return s + ": " + e.Err.Error()
}

func (e *OpError) Unwrap() error { return e.Err }

var (
	errMissingAddress = errors.New("missing address")
	errNoNetwork      = errors.New("connect: network is unreachable (leakviz simulates no network)")
)

type strAddr struct{ net, s string }

func (a strAddr) Network() string { return a.net }
func (a strAddr) String() string  { return a.s }

// UDPAddr is a UDP end point.
type UDPAddr struct {
	IP   IP
	Port int
	Zone string
}

func (a *UDPAddr) Network() string { return "udp" }
func (a *UDPAddr) String() string  { return JoinHostPort(a.IP.String(), strconv.Itoa(a.Port)) }

// TCPAddr is a TCP end point.
type TCPAddr struct {
	IP   IP
	Port int
	Zone string
}

func (a *TCPAddr) Network() string { return "tcp" }
func (a *TCPAddr) String() string  { return JoinHostPort(a.IP.String(), strconv.Itoa(a.Port)) }

// UDPConn is a UDP connection (none is ever made here).
type UDPConn struct{}

// TCPConn is a TCP connection (none is ever made here).
type TCPConn struct{}

func dialError(network, address string) error {
	if address == "" {
		return &OpError{Op: "dial", Net: network, Err: errMissingAddress}
	}
	return &OpError{Op: "dial", Net: network, Addr: strAddr{network, address}, Err: errNoNetwork}
}

// Dial fails: there is no network in the simulation.
func Dial(network, address string) (Conn, error) { return nil, dialError(network, address) }

// DialTimeout fails at once: there is no network in the simulation.
func DialTimeout(network, address string, timeout time.Duration) (Conn, error) {
	return nil, dialError(network, address)
}

// DialUDP fails: there is no network in the simulation.
func DialUDP(network string, laddr, raddr *UDPAddr) (*UDPConn, error) {
	if raddr == nil {
		return nil, dialError(network, "")
	}
	return nil, dialError(network, raddr.String())
}

// DialTCP fails: there is no network in the simulation.
func DialTCP(network string, laddr, raddr *TCPAddr) (*TCPConn, error) {
	if raddr == nil {
		return nil, dialError(network, "")
	}
	return nil, dialError(network, raddr.String())
}

// Listen fails: there is no network in the simulation.
func Listen(network, address string) (Listener, error) {
	return nil, &OpError{Op: "listen", Net: network, Addr: strAddr{network, address}, Err: errNoNetwork}
}

// SplitHostPort splits "host:port", "[host]:port" or "[host%zone]:port".
func SplitHostPort(hostport string) (host, port string, err error) {
	missing := func(why string) (string, string, error) {
		return "", "", &AddrError{Err: why, Addr: hostport}
	}
	i := strings.LastIndexByte(hostport, ':')
	if i < 0 {
		return missing("missing port in address")
	}
	if strings.HasPrefix(hostport, "[") {
		end := strings.IndexByte(hostport, ']')
		if end < 0 {
			return missing("missing ']' in address")
		}
		if end+1 != i {
			if end+1 == len(hostport) {
				return missing("missing port in address")
			}
			return missing("unexpected ']' in address")
		}
		return hostport[1:end], hostport[i+1:], nil
	}
	host = hostport[:i]
	if strings.IndexByte(host, ':') >= 0 {
		return missing("too many colons in address")
	}
	return host, hostport[i+1:], nil
}

// JoinHostPort makes "host:port", bracketing a host with a colon (IPv6).
func JoinHostPort(host, port string) string {
	if strings.IndexByte(host, ':') >= 0 {
		return "[" + host + "]:" + port
	}
	return host + ":" + port
}

// AddrError is an error about an address.
type AddrError struct {
	Err  string
	Addr string
}

func (e *AddrError) Error() string {
	if e.Addr != "" {
		return "address " + e.Addr + ": " + e.Err
	}
	return e.Err
}

// ParseError is the error of a malformed address.
type ParseError struct {
	Type string
	Text string
}

func (e *ParseError) Error() string { return "invalid " + e.Type + ": " + e.Text }

// IP is an IP address: 4 bytes (IPv4) or 16.
type IP []byte

// IPMask is a mask of an IP address.
type IPMask []byte

// IPNet is an IP network.
type IPNet struct {
	IP   IP
	Mask IPMask
}

func parse4(s string) IP {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return nil
	}
	ip := make(IP, 4)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 255 || len(p) == 0 || (len(p) > 1 && p[0] == '0') {
			return nil
		}
		ip[i] = byte(n)
	}
	return ip
}

func parse6(s string) IP {
	if strings.Count(s, "::") > 1 {
		return nil
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 && strings.IndexByte(s[i:], '.') >= 0 {
		v4 := parse4(s[i+1:]) // an IPv4 address as the last 32 bits: ::ffff:1.2.3.4
		if v4 == nil {
			return nil
		}
		hex := strconv.FormatUint(uint64(v4[0])<<8|uint64(v4[1]), 16) + ":" +
			strconv.FormatUint(uint64(v4[2])<<8|uint64(v4[3]), 16)
		s = s[:i+1] + hex
	}
	head, tail, compressed := strings.Cut(s, "::")
	words := func(part string) []int {
		if part == "" {
			return []int{}
		}
		var out []int
		for _, w := range strings.Split(part, ":") {
			n, err := strconv.ParseUint(w, 16, 16)
			if err != nil || len(w) > 4 {
				return nil
			}
			out = append(out, int(n))
		}
		return out
	}
	h, t := words(head), words(tail)
	if h == nil || t == nil {
		return nil
	}
	if !compressed && len(h) != 8 || compressed && len(h)+len(t) > 7 {
		return nil
	}
	all := append(append(h, make([]int, 8-len(h)-len(t))...), t...)
	ip := make(IP, 16)
	for i, w := range all {
		ip[2*i], ip[2*i+1] = byte(w>>8), byte(w)
	}
	return ip
}

// ParseIP parses an IPv4 or IPv6 address; nil when s is not one.
func ParseIP(s string) IP {
	if strings.IndexByte(s, ':') >= 0 {
		return parse6(s)
	}
	return parse4(s)
}

// To4 is ip as 4 bytes, or nil when it is not an IPv4 address.
func (ip IP) To4() IP {
	if len(ip) == 4 {
		return ip
	}
	if len(ip) == 16 && string(ip[:12]) == "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff" {
		return ip[12:]
	}
	return nil
}

// Equal reports whether ip and x are the same address.
func (ip IP) Equal(x IP) bool {
	a, b := ip.To4(), x.To4()
	if a != nil && b != nil {
		return string(a) == string(b)
	}
	return string(ip) == string(x)
}

func (ip IP) String() string {
	if len(ip) == 0 {
		return "<nil>"
	}
	if v4 := ip.To4(); v4 != nil {
		return strconv.Itoa(int(v4[0])) + "." + strconv.Itoa(int(v4[1])) + "." + strconv.Itoa(int(v4[2])) + "." +
			strconv.Itoa(int(v4[3]))
	}
	if len(ip) != 16 {
		return "?"
	}
	// the longest run of two or more zero words becomes "::", as RFC 5952 writes it
	best, bestLen := -1, 1
	for i := 0; i < 8; {
		j := i
		for j < 8 && ip[2*j] == 0 && ip[2*j+1] == 0 {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		if j == i {
			j++
		}
		i = j
	}
	var b strings.Builder
	for i := 0; i < 8; i++ {
		if i == best {
			b.WriteString("::")
			i += bestLen - 1
			continue
		}
		if i > 0 && i != best+bestLen {
			b.WriteByte(':')
		}
		b.WriteString(strconv.FormatUint(uint64(ip[2*i])<<8|uint64(ip[2*i+1]), 16))
	}
	return b.String()
}

// CIDRMask is a mask of ones leading bits out of bits.
func CIDRMask(ones, bits int) IPMask {
	if bits != 32 && bits != 128 || ones < 0 || ones > bits {
		return nil
	}
	m := make(IPMask, bits/8)
	for i := range m {
		switch {
		case ones >= 8:
			m[i] = 0xff
			ones -= 8
		case ones > 0:
			m[i] = byte(0xff << (8 - ones))
			ones = 0
		}
	}
	return m
}

// ParseCIDR parses "ip/prefix" into the address and its network.
func ParseCIDR(s string) (IP, *IPNet, error) {
	addr, bits, ok := strings.Cut(s, "/")
	ip := ParseIP(addr)
	n, err := strconv.Atoi(bits)
	size := 32
	if ip != nil && ip.To4() == nil {
		size = 128
	}
	if !ok || ip == nil || err != nil || n < 0 || n > size {
		return nil, nil, &ParseError{Type: "CIDR address", Text: s}
	}
	if size == 32 {
		ip = ip.To4()
	}
	mask := CIDRMask(n, size)
	network := make(IP, len(ip))
	for i := range ip {
		network[i] = ip[i] & mask[i]
	}
	return ip, &IPNet{IP: network, Mask: mask}, nil
}

// Contains reports whether ip is in the network.
func (n *IPNet) Contains(ip IP) bool {
	if v4 := ip.To4(); v4 != nil && len(n.IP) == 4 {
		ip = v4
	}
	if len(ip) != len(n.IP) {
		return false
	}
	for i := range ip {
		if ip[i]&n.Mask[i] != n.IP[i] {
			return false
		}
	}
	return true
}

func (n *IPNet) String() string {
	ones := 0
	for _, b := range n.Mask {
		for ; b != 0; b <<= 1 {
			ones++
		}
	}
	return n.IP.String() + "/" + strconv.Itoa(ones)
}

// Network is "ip+net".
func (n *IPNet) Network() string { return "ip+net" }
