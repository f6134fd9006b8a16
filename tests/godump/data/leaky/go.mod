module leakviz.invalid/leaky

go 1.19
