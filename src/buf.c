#include "buf.h"

#include <stdlib.h>
#include <string.h>

int buf_init(struct buf *b, size_t cap)
{
	b->data = malloc(cap);
	b->cap = b->data ? cap : 0;
	b->head = b->tail = 0;
	return b->data ? 0 : -1;
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->cap = b->head = b->tail = 0;
}

size_t buf_room(struct buf *b)
{
	if (b->head && b->cap - b->tail < b->cap / 2) {
		memmove(b->data, b->data + b->head, b->tail - b->head);
		b->tail -= b->head;
		b->head = 0;
	}
	return b->cap - b->tail;
}

void buf_append(struct buf *b, const void *p, size_t n)
{
	memcpy(b->data + b->tail, p, n);
	b->tail += n;
}
