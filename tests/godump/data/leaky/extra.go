

package main

func extra() {}
