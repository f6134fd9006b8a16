// Package pool hands jobs to a fixed set of workers. Stop returns without
// draining the results, so a worker holding a finished result blocks for ever.
package pool

import "sync"

// Pool runs jobs on workers and collects what they return.
type Pool struct {
	jobs    chan int
	results chan int
	wg      sync.WaitGroup
}

// New starts n workers that square what they are given.
func New(n int) *Pool {
	p := &Pool{jobs: make(chan int), results: make(chan int)}
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go p.work()
	}
	return p
}

func (p *Pool) work() {
	defer p.wg.Done()
	for j := range p.jobs {
		p.results <- j * j
	}
}

// First submits every job and returns the first result; the others are left.
func (p *Pool) First(jobs []int) int {
	go func() {
		for _, j := range jobs {
			p.jobs <- j
		}
		close(p.jobs)
	}()
	return <-p.results
}

// All submits every job and returns the sum of every result.
func (p *Pool) All(jobs []int) int {
	go func() {
		for _, j := range jobs {
			p.jobs <- j
		}
		close(p.jobs)
	}()
	go func() {
		p.wg.Wait()
		close(p.results)
	}()
	sum := 0
	for r := range p.results {
		sum += r
	}
	return sum
}
