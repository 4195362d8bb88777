"""The reader's screens: main, help, first-start indexing, and the pickers and views it opens."""
