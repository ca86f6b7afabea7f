// The clinic console's script: filled in next.
