/* pch.h - the header a precompiled header is made from; use.c needs it. */
#include <stdio.h>
#include <unistd.h>
#define SAVE_FAILED (-1)
