/* ask.h: the client side of rv-classify -s (rv-ask, rv-page -s). */
#ifndef RV_ASK_H
#define RV_ASK_H

#include <stddef.h>

#include "util.h"

/* A connection to the server listening on the Unix socket path: its
 * descriptor, or -1 and errno (ENAMETOOLONG when path does not fit). */
int ask_connect(const char *path);

/*
 * Send the server in[0..nin), then all that can be read from in_fd (-1:
 * nothing), then shut the connection for writing; meanwhile write what it
 * answers to out_fd, or with out_fd -1 append it to out, until it closes
 * the connection.  Both at once, so that neither side waits for the other.
 * 0, or -1 and errno with *what the side that failed: "<stdin>" (in_fd),
 * "<stdout>" (out_fd) or NULL (the connection).  A signal caught ends it
 * with -1, errno EINTR.
 */
int ask_exchange(int fd, const char *in, size_t nin, int in_fd, int out_fd, struct buf *out,
    const char **what);

#endif
