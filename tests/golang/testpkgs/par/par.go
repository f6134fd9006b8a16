// Package par has only tests: sequential and parallel subtests, to check that
// leakviz prints them as go test -v does.
package par
