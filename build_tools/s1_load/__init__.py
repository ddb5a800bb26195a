"""Stage 1: load and validate what contributors wrote (seeds/, and the trees a pull request can change); every problem is a located DataError."""
