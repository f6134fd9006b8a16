package main

import "fmt"

func main() {
	ch := make(chan string)
	go func() { ch <- "first" }()
	go func() { ch <- "second" }()
	fmt.Println(<-ch)
}
