"""The process: the `chapterbot` command, the composition root that wires handlers/ to bot/ and
storage/, logging and backups. Nothing here holds a chapter rule."""
