/* A byte queue: appended at the tail, consumed at the head, compacted on
 * demand.  Its capacity is fixed at creation so every queue in the relay
 * is bounded; producers check buf_room() before reading more input. */
#ifndef RELAY_BUF_H
#define RELAY_BUF_H

#include <stddef.h>

struct buf {
	unsigned char *data;
	size_t cap;
	size_t head; /* first unconsumed byte */
	size_t tail; /* one past the last byte */
};

int buf_init(struct buf *b, size_t cap);
void buf_free(struct buf *b);

static inline size_t buf_len(const struct buf *b) { return b->tail - b->head; }
static inline unsigned char *buf_start(const struct buf *b) { return b->data + b->head; }
static inline void buf_consume(struct buf *b, size_t n)
{
	b->head += n;
	if (b->head == b->tail)
		b->head = b->tail = 0;
}
/* Free space at the tail after moving the contents to the front. */
size_t buf_room(struct buf *b);
/* Appends n bytes; the caller has checked buf_room(). */
void buf_append(struct buf *b, const void *p, size_t n);
/* Tail pointer for reading straight into the buffer; then buf_commit(). */
static inline unsigned char *buf_tail(struct buf *b) { return b->data + b->tail; }
static inline void buf_commit(struct buf *b, size_t n) { b->tail += n; }

#endif
