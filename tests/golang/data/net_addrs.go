package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"runtime/pprof"
	"time"
)

func main() {
	_, err := net.DialUDP("udp", nil, nil)
	fmt.Println(err)
	h, p, err := net.SplitHostPort("203.0.113.7:4000")
	fmt.Println(h, p, err)
	h, p, err = net.SplitHostPort("[2001:db8::1]:80")
	fmt.Println(h, p, err)
	_, _, err = net.SplitHostPort("nope")
	fmt.Println(err)
	fmt.Println(net.JoinHostPort("::1", "8080"), net.JoinHostPort("a", "1"))
	_, block, err := net.ParseCIDR("203.0.113.0/24")
	fmt.Println(block, err, block.Contains(net.ParseIP("203.0.113.9")), block.Contains(net.ParseIP("10.0.0.1")))
	ip, n6, err := net.ParseCIDR("2001:db8::5/32")
	fmt.Println(ip, n6, err, n6.Contains(net.ParseIP("2001:db8:1::")), n6.Contains(net.ParseIP("2001:db9::")))
	fmt.Println(net.ParseIP("1.2.3.256"), net.ParseIP("::ffff:1.2.3.4") == nil, net.ParseIP("fe80::1:0:0:1"))
	_, _, err = net.ParseCIDR("1.2.3.4/33")
	fmt.Println(err)
	var pe *net.ParseError
	fmt.Println(errors.As(err, &pe))
	fmt.Println(net.ParseIP("10.1.2.3").Equal(net.ParseIP("10.1.2.3")))
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
