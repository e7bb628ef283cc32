/* Wire codecs of the rsync protocol: small pure functions over byte buffers.
 *
 * Every decoder takes (buf, len) and returns the number of bytes it used,
 * WIRE_NEED_MORE when the buffer ends before the value does (the caller
 * waits for more input and tries again from the same place), or
 * WIRE_BAD when the bytes can never form a valid value.  Decoders never
 * read past len.  Encoders write into a caller buffer that is at least
 * WIRE_MAX_* bytes long and return the number of bytes written.
 */
#ifndef RELAY_WIRE_H
#define RELAY_WIRE_H

#include <stddef.h>
#include <stdint.h>

#define WIRE_NEED_MORE ((ptrdiff_t)-1)
#define WIRE_BAD ((ptrdiff_t)-2)

#define WIRE_MAX_VARINT 5
#define WIRE_MAX_VARLONG 9
#define WIRE_MAX_NDX 6

/* Fixed-size little-endian integers. */
uint32_t wire_get_u32(const unsigned char *p);
uint16_t wire_get_u16(const unsigned char *p);
void wire_put_u32(unsigned char *p, uint32_t v);

ptrdiff_t wire_read_int(const unsigned char *buf, size_t len, int32_t *out);
ptrdiff_t wire_read_shortint(const unsigned char *buf, size_t len, uint16_t *out);

/* varint: the high bits of the first byte count the bytes that follow. */
ptrdiff_t wire_read_varint(const unsigned char *buf, size_t len, int32_t *out);
/* The five deletion counts after NDX_DEL_STATS (rsync's read_del_stats):
 * files of no other kind, directories, symlinks, devices, specials.  A
 * count below 0 or above WIRE_MAX_DEL_STAT is WIRE_BAD. */
#define WIRE_DEL_STATS 5
#define WIRE_MAX_DEL_STAT 0xFFFFFF
ptrdiff_t wire_read_del_stats(const unsigned char *buf, size_t len,
			      int32_t out[WIRE_DEL_STATS]);
size_t wire_write_varint(unsigned char *out, int32_t v);

/* varlong with at least min_bytes bytes.  rsync uses 3 and 4; below 3 the
 * format cannot hold every value, so the reader refuses it. */
ptrdiff_t wire_read_varlong(const unsigned char *buf, size_t len, int min_bytes,
			    int64_t *out);
size_t wire_write_varlong(unsigned char *out, int64_t v, int min_bytes);

/* varlong30: varlong(min_bytes) from protocol 30, else a "longint"
 * (an int, or 0xFFFFFFFF followed by an 8-byte value). */
ptrdiff_t wire_read_varlong30(const unsigned char *buf, size_t len, int protocol,
			      int min_bytes, int64_t *out);
size_t wire_write_varlong30(unsigned char *out, int64_t v, int protocol, int min_bytes);

/* varint30: varint from protocol 30, else a plain int. */
ptrdiff_t wire_read_varint30(const unsigned char *buf, size_t len, int protocol,
			     int32_t *out);

/* vstring: a 1-byte length, or 2 bytes big-endian with the high bit set
 * (at most 0x7FFF).  *str points into buf, *slen is its length. */
ptrdiff_t wire_read_vstring(const unsigned char *buf, size_t len,
			    const unsigned char **str, size_t *slen);
/* Returns 0 when slen is over 0x7FFF. */
size_t wire_write_vstring(unsigned char *out, const char *str, size_t slen);

/* File indexes are delta-coded against the previous positive and previous
 * negative value of the same stream, so each direction keeps its state. */
#define NDX_DONE (-1)
#define NDX_FLIST_EOF (-2)
#define NDX_DEL_STATS (-3)
#define NDX_FLIST_OFFSET (-101)

struct ndx_state {
	int32_t prev_positive;
	int32_t prev_negative;
};
void ndx_state_init(struct ndx_state *st);
/* Protocol < 30 sends a plain int and keeps no state. */
ptrdiff_t wire_read_ndx(struct ndx_state *st, int protocol,
			const unsigned char *buf, size_t len, int32_t *out);
size_t wire_write_ndx(struct ndx_state *st, int protocol, unsigned char *out,
		      int32_t ndx);

/* Multiplexed frames: a 4-byte header ((MPLEX_BASE + tag) << 24 | length). */
#define MPLEX_BASE 7
#define MUX_HDR_LEN 4
#define MUX_MAX_PAYLOAD 0xFFFFFFu
enum msg_tag {
	MSG_DATA = 0,
	MSG_ERROR_XFER = 1,
	MSG_INFO = 2,
	MSG_ERROR = 3,
	MSG_WARNING = 4,
	MSG_ERROR_SOCKET = 5,
	MSG_LOG = 6,
	MSG_CLIENT = 7,
	MSG_ERROR_UTF8 = 8,
	MSG_REDO = 9,
	MSG_STATS = 10,
	MSG_IO_ERROR = 22,
	MSG_IO_TIMEOUT = 33,
	MSG_NOOP = 42,
	MSG_ERROR_EXIT = 86,
	MSG_SUCCESS = 100,
	MSG_DELETED = 101,
	MSG_NO_SEND = 102,
};
/* Decodes a header; returns MUX_HDR_LEN, WIRE_NEED_MORE, or WIRE_BAD when
 * the tag byte is below MPLEX_BASE. */
ptrdiff_t wire_read_mux_header(const unsigned char *buf, size_t len, int *tag,
			       uint32_t *payload_len);
void wire_write_mux_header(unsigned char *out, int tag, uint32_t payload_len);

/* A multiplexed input stream read a piece at a time: payload bytes of
 * MSG_DATA frames, which the reader may take in parts as its room allows,
 * and whole message frames.  Kept free of I/O so that the relay and the
 * tests run the same code. */
struct mux_in {
	uint32_t data_left;	/* payload bytes left in the current MSG_DATA frame */
};

struct mux_piece {
	int tag;		/* MSG_DATA, or the tag of a whole message */
	const unsigned char *p;	/* data bytes at hand, or the message payload */
	size_t len;		/* how many of them */
	uint32_t frame_left;	/* data bytes left in the frame, p[0] included */
	size_t hdr;		/* header bytes before p (0 inside a data frame) */
};

#define MUX_NEED_MORE 0		/* buf ends inside a header or a message */
#define MUX_PIECE 1
#define MUX_BAD_HEADER (-1)	/* a tag byte below MPLEX_BASE */
#define MUX_TOO_LONG (-2)	/* a message longer than max_msg */

/* Finds the next piece in buf without consuming it.  A data piece may be
 * empty (a header of a zero-length frame, or of a frame whose payload has
 * not arrived); *pc then still says what to consume.  On MUX_TOO_LONG,
 * pc->tag and pc->frame_left describe the message. */
int mux_next(const struct mux_in *m, const unsigned char *buf, size_t len, uint32_t max_msg,
	     struct mux_piece *pc);
/* Records that n bytes of a data piece were taken (a message is taken
 * whole: n == pc->len); returns how many input bytes that consumed. */
size_t mux_took(struct mux_in *m, const struct mux_piece *pc, size_t n);

#endif
