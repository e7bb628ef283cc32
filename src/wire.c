/* Wire codecs; see wire.h.  Layouts follow rsync's io.c. */
#include "wire.h"

#include <string.h>

uint32_t wire_get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

uint16_t wire_get_u16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

void wire_put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

ptrdiff_t wire_read_int(const unsigned char *buf, size_t len, int32_t *out)
{
	if (len < 4)
		return WIRE_NEED_MORE;
	*out = (int32_t)wire_get_u32(buf);
	return 4;
}

ptrdiff_t wire_read_shortint(const unsigned char *buf, size_t len, uint16_t *out)
{
	if (len < 2)
		return WIRE_NEED_MORE;
	*out = wire_get_u16(buf);
	return 2;
}

/* How many bytes follow the first one, indexed by first byte / 4. */
static int extra_bytes(unsigned char first)
{
	if (first < 0x80)
		return 0;
	if (first < 0xC0)
		return 1;
	if (first < 0xE0)
		return 2;
	if (first < 0xF0)
		return 3;
	if (first < 0xF8)
		return 4;
	if (first < 0xFC)
		return 5;
	return 6;
}

ptrdiff_t wire_read_varint(const unsigned char *buf, size_t len, int32_t *out)
{
	unsigned char b[5] = {0};
	int extra;

	if (len < 1)
		return WIRE_NEED_MORE;
	extra = extra_bytes(buf[0]);
	if (extra > 4)
		return WIRE_BAD;
	if (len < (size_t)1 + (size_t)extra)
		return WIRE_NEED_MORE;
	if (extra) {
		memcpy(b, buf + 1, (size_t)extra);
		/* The low bits of the first byte are the value's top byte. */
		b[extra] = buf[0] & (unsigned char)((1u << (8 - extra)) - 1);
	} else
		b[0] = buf[0];
	*out = (int32_t)wire_get_u32(b);
	return 1 + extra;
}

size_t wire_write_varint(unsigned char *out, int32_t v)
{
	/* A varint is a varlong of the value's 32 bits with no minimum. */
	return wire_write_varlong(out, (int64_t)(uint32_t)v, 1);
}

ptrdiff_t wire_read_varlong(const unsigned char *buf, size_t len, int min_bytes,
			    int64_t *out)
{
	unsigned char b[9] = {0};
	int extra;
	uint64_t v = 0;

	if (min_bytes < 3 || min_bytes > 8)
		return WIRE_BAD;
	if (len < (size_t)min_bytes)
		return WIRE_NEED_MORE;
	extra = extra_bytes(buf[0]);
	if (min_bytes + extra > 9)
		return WIRE_BAD;
	if (len < (size_t)(min_bytes + extra))
		return WIRE_NEED_MORE;
	memcpy(b, buf + 1, (size_t)(min_bytes - 1 + extra));
	if (extra)
		b[min_bytes + extra - 1] =
			buf[0] & (unsigned char)((1u << (8 - extra)) - 1);
	else
		b[min_bytes - 1] = buf[0];
	for (int i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	*out = (int64_t)v;
	return min_bytes + extra;
}

size_t wire_write_varlong(unsigned char *out, int64_t v, int min_bytes)
{
	unsigned char b[9];
	uint64_t u = (uint64_t)v;
	int cnt = 8, i;

	for (i = 0; i < 8; i++)
		b[i + 1] = (unsigned char)(u >> (8 * i));
	while (cnt > min_bytes && b[cnt] == 0)
		cnt--;
	unsigned bit = 1u << (7 - cnt + min_bytes);
	if (b[cnt] >= bit) {
		cnt++;
		b[0] = (unsigned char)~(bit - 1);
	} else if (cnt > min_bytes)
		b[0] = (unsigned char)(b[cnt] | ~(bit * 2 - 1));
	else
		b[0] = b[cnt];
	out[0] = b[0];
	for (i = 1; i < cnt; i++)
		out[i] = b[i];
	return (size_t)cnt;
}

ptrdiff_t wire_read_varlong30(const unsigned char *buf, size_t len, int protocol,
			      int min_bytes, int64_t *out)
{
	int32_t lo;

	if (protocol >= 30)
		return wire_read_varlong(buf, len, min_bytes, out);
	if (len < 4)
		return WIRE_NEED_MORE;
	lo = (int32_t)wire_get_u32(buf);
	if (lo != -1) {
		*out = lo;
		return 4;
	}
	if (len < 12)
		return WIRE_NEED_MORE;
	*out = (int64_t)((uint64_t)wire_get_u32(buf + 4) |
			 (uint64_t)wire_get_u32(buf + 8) << 32);
	return 12;
}

size_t wire_write_varlong30(unsigned char *out, int64_t v, int protocol, int min_bytes)
{
	if (protocol >= 30)
		return wire_write_varlong(out, v, min_bytes);
	if (v >= 0 && v <= 0x7FFFFFFF) {
		wire_put_u32(out, (uint32_t)v);
		return 4;
	}
	wire_put_u32(out, 0xFFFFFFFFu);
	wire_put_u32(out + 4, (uint32_t)v);
	wire_put_u32(out + 8, (uint32_t)((uint64_t)v >> 32));
	return 12;
}

ptrdiff_t wire_read_varint30(const unsigned char *buf, size_t len, int protocol,
			     int32_t *out)
{
	if (protocol >= 30)
		return wire_read_varint(buf, len, out);
	return wire_read_int(buf, len, out);
}

ptrdiff_t wire_read_vstring(const unsigned char *buf, size_t len,
			    const unsigned char **str, size_t *slen)
{
	size_t n, hdr = 1;

	if (len < 1)
		return WIRE_NEED_MORE;
	n = buf[0];
	if (n & 0x80) {
		if (len < 2)
			return WIRE_NEED_MORE;
		n = (n & 0x7F) << 8 | buf[1];
		hdr = 2;
	}
	if (len - hdr < n)
		return WIRE_NEED_MORE;
	*str = buf + hdr;
	*slen = n;
	return (ptrdiff_t)(hdr + n);
}

size_t wire_write_vstring(unsigned char *out, const char *str, size_t slen)
{
	size_t hdr = 1;

	if (slen > 0x7FFF)
		return 0;
	if (slen > 0x7F) {
		out[0] = (unsigned char)(slen >> 8 | 0x80);
		out[1] = (unsigned char)slen;
		hdr = 2;
	} else
		out[0] = (unsigned char)slen;
	memcpy(out + hdr, str, slen);
	return hdr + slen;
}

void ndx_state_init(struct ndx_state *st)
{
	st->prev_positive = -1;
	st->prev_negative = 1;
}

ptrdiff_t wire_read_ndx(struct ndx_state *st, int protocol,
			const unsigned char *buf, size_t len, int32_t *out)
{
	size_t pos = 0;
	int32_t *prev;
	uint32_t num;

	if (protocol < 30)
		return wire_read_int(buf, len, out);
	if (len < 1)
		return WIRE_NEED_MORE;
	if (buf[0] == 0) {
		*out = NDX_DONE;
		return 1;
	}
	prev = &st->prev_positive;
	if (buf[0] == 0xFF) {
		prev = &st->prev_negative;
		pos = 1;
		if (len < 2)
			return WIRE_NEED_MORE;
	}
	if (buf[pos] == 0xFE) {
		if (len < pos + 3)
			return WIRE_NEED_MORE;
		if (buf[pos + 1] & 0x80) {
			if (len < pos + 5)
				return WIRE_NEED_MORE;
			/* Full value: high byte (less the flag) then the low three. */
			num = (uint32_t)(buf[pos + 1] & 0x7F) << 24 |
			      (uint32_t)buf[pos + 2] | (uint32_t)buf[pos + 3] << 8 |
			      (uint32_t)buf[pos + 4] << 16;
			pos += 5;
		} else {
			num = ((uint32_t)buf[pos + 1] << 8 | buf[pos + 2]) +
			      (uint32_t)*prev;
			pos += 3;
		}
	} else {
		num = buf[pos] + (uint32_t)*prev;
		pos += 1;
	}
	if (num > 0x7FFFFFFFu)
		return WIRE_BAD;
	*prev = (int32_t)num;
	*out = prev == &st->prev_negative ? -(int32_t)num : (int32_t)num;
	return (ptrdiff_t)pos;
}

size_t wire_write_ndx(struct ndx_state *st, int protocol, unsigned char *out,
		      int32_t ndx)
{
	size_t cnt = 0;
	int32_t diff;

	if (protocol < 30) {
		wire_put_u32(out, (uint32_t)ndx);
		return 4;
	}
	if (ndx == NDX_DONE) {
		out[0] = 0;
		return 1;
	}
	if (ndx >= 0) {
		diff = (int32_t)((uint32_t)ndx - (uint32_t)st->prev_positive);
		st->prev_positive = ndx;
	} else {
		out[cnt++] = 0xFF;
		ndx = -ndx;
		diff = (int32_t)((uint32_t)ndx - (uint32_t)st->prev_negative);
		st->prev_negative = ndx;
	}
	if (diff > 0 && diff < 0xFE) {
		out[cnt++] = (unsigned char)diff;
	} else if (diff < 0 || diff > 0x7FFF) {
		out[cnt++] = 0xFE;
		out[cnt++] = (unsigned char)((uint32_t)ndx >> 24 | 0x80);
		out[cnt++] = (unsigned char)ndx;
		out[cnt++] = (unsigned char)((uint32_t)ndx >> 8);
		out[cnt++] = (unsigned char)((uint32_t)ndx >> 16);
	} else {
		out[cnt++] = 0xFE;
		out[cnt++] = (unsigned char)(diff >> 8);
		out[cnt++] = (unsigned char)diff;
	}
	return cnt;
}

ptrdiff_t wire_read_mux_header(const unsigned char *buf, size_t len, int *tag,
			       uint32_t *payload_len)
{
	uint32_t h;

	if (len < MUX_HDR_LEN)
		return WIRE_NEED_MORE;
	h = wire_get_u32(buf);
	if ((h >> 24) < MPLEX_BASE)
		return WIRE_BAD;
	*tag = (int)(h >> 24) - MPLEX_BASE;
	*payload_len = h & MUX_MAX_PAYLOAD;
	return MUX_HDR_LEN;
}

void wire_write_mux_header(unsigned char *out, int tag, uint32_t payload_len)
{
	wire_put_u32(out, (uint32_t)(MPLEX_BASE + tag) << 24 | (payload_len & MUX_MAX_PAYLOAD));
}

int mux_next(const struct mux_in *m, const unsigned char *buf, size_t len, uint32_t max_msg,
	     struct mux_piece *pc)
{
	uint32_t plen;
	int tag;

	memset(pc, 0, sizeof *pc);
	if (m->data_left) {
		if (!len)
			return MUX_NEED_MORE;
		pc->p = buf;
		pc->len = len < m->data_left ? len : m->data_left;
		pc->frame_left = m->data_left;
		return MUX_PIECE;
	}
	ptrdiff_t k = wire_read_mux_header(buf, len, &tag, &plen);
	if (k == WIRE_NEED_MORE)
		return MUX_NEED_MORE;
	if (k < 0)
		return MUX_BAD_HEADER;
	pc->tag = tag;
	pc->hdr = MUX_HDR_LEN;
	pc->p = buf + MUX_HDR_LEN;
	pc->frame_left = plen;
	if (tag == MSG_DATA) {
		pc->len = len - MUX_HDR_LEN < plen ? len - MUX_HDR_LEN : plen;
		return MUX_PIECE;
	}
	/* A message is handled whole, so its length is bounded by the room
	 * the caller has for it. */
	if (plen > max_msg)
		return MUX_TOO_LONG;
	if (len - MUX_HDR_LEN < plen)
		return MUX_NEED_MORE;
	pc->len = plen;
	return MUX_PIECE;
}

size_t mux_took(struct mux_in *m, const struct mux_piece *pc, size_t n)
{
	if (pc->tag == MSG_DATA)
		m->data_left = pc->frame_left - (uint32_t)n;
	return pc->hdr + n;
}

ptrdiff_t wire_read_del_stats(const unsigned char *buf, size_t len,
			      int32_t out[WIRE_DEL_STATS])
{
	size_t pos = 0;

	for (int i = 0; i < WIRE_DEL_STATS; i++) {
		ptrdiff_t k = wire_read_varint(buf + pos, len - pos, &out[i]);
		if (k < 0)
			return k;
		if (out[i] < 0 || out[i] > WIRE_MAX_DEL_STAT)
			return WIRE_BAD;
		pos += (size_t)k;
	}
	return (ptrdiff_t)pos;
}
