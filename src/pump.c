#include "pump.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "logfmt.h"
#include "signals.h"
#include "stderr_label.h"
#include "wire.h"

#define QUEUE_CAP (256 * 1024)
/* rsync's client refuses a message of its buffer's size (BIGPATHBUFLEN:
 * a path and 1 KiB) or more */
#define MSG_MAX (RELAY_MAXPATHLEN + 1024 - 1)
#define EXIT_GRACE_MS 1000	/* for a server to finish an error exit */
#define XATTR_SUM_LEN 16	/* long xattr values go as an md5/md4 digest */

/* Room for the longest generator item, whichever frames it comes in. */
#define GDATA_CAP (4 * GS_MAX_ITEM)

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int side_init(struct side *sd, struct child *c, const char *who, int mux_out)
{
	memset(sd, 0, sizeof *sd);
	sd->child = c;
	sd->who = who;
	sd->out.mux = mux_out;
	fcntl(c->to_fd, F_SETFL, fcntl(c->to_fd, F_GETFL) | O_NONBLOCK);
	fcntl(c->from_fd, F_SETFL, fcntl(c->from_fd, F_GETFL) | O_NONBLOCK);
	if (buf_init(&sd->in.raw, QUEUE_CAP) < 0 || buf_init(&sd->out.data, QUEUE_CAP) < 0 ||
	    buf_init(&sd->out.msgs, QUEUE_CAP) < 0)
		return -1;
	return 0;
}

static void side_free(struct side *sd)
{
	buf_free(&sd->in.raw);
	buf_free(&sd->out.data);
	buf_free(&sd->out.msgs);
}

/* xxHash sums print last byte first; old MD4 ones not at all. */
static int sum_order(const char *name, int protocol)
{
	if (strncmp(name, "xxh", 3) == 0)
		return LOGFMT_SUM_REVERSED;
	if (strcmp(name, "none") == 0 || protocol < 30)
		return LOGFMT_SUM_HIDDEN;
	return LOGFMT_SUM_FORWARD;
}

/* The generator's stream is read as the sender reads it, against the
 * lists the sender's stream parser keeps. */
static void gen_init(struct relay *rl)
{
	const struct options *o = rl->o;
	const struct session *s = rl->s;
	struct gs_params p = {
		.protocol = s->protocol,
		.inc_recurse = s->inc_recurse,
		.do_xfers = !o->dry_run,
		.preserve_xattrs = o->preserve_xattrs,
		.want_xattr_optim = s->protocol >= 31 && !(s->compat_flags & CF_AVOID_XATTR_OPTIM),
		.append_mode = o->append_mode,
		.xfer_sum_len = s->xfer_sum_len,
	};

	gs_init(&rl->gs, &p, &rl->ss);
}

/* What the parser can count of the negotiated compression's data. */
static int zip_counted(const char *name)
{
	if (strcmp(name, "lz4") == 0)
		return SS_ZIP_LZ4;
	if (strcmp(name, "zlib") == 0 || strcmp(name, "zlibx") == 0)
		return SS_ZIP_DEFLATE;
	return SS_ZIP_UNCOUNTED;
}

int pump_init(struct relay *rl, struct child *src, struct child *dest,
	      const struct options *o, const struct session *s, struct report *r)
{
	struct ss_params p;

	memset(rl, 0, sizeof *rl);
	rl->o = o;
	rl->s = s;
	rl->r = r;
	if (!dest) {
		/* no receiver: a side that has ended and reads nothing */
		static const struct child nobody = { .to_fd = -1, .from_fd = -1,
						     .where = "destination" };
		rl->nobody = nobody;
		dest = &rl->nobody;
		rl->list = (struct lister){
			.active = 1,
			.fmt = { .human = o->human_readable, .atimes = o->preserve_atimes,
				 .crtimes = o->preserve_crtimes, .links = o->preserve_links,
				 .missing_delete = o->missing_args == 2,
				 .inc_recurse = s->inc_recurse },
		};
	}
	/* A server reads multiplexed input from protocol 30 on. */
	if (side_init(&rl->src, src, "sender", s->protocol >= 30) < 0 ||
	    side_init(&rl->dest, dest, "receiver", s->protocol >= 30) < 0 ||
	    buf_init(&rl->sdata, QUEUE_CAP) < 0 || buf_init(&rl->stand.pending, 4096) < 0 ||
	    buf_init(&rl->gdata, GDATA_CAP) < 0)
		return -1;
	gen_init(rl);
	ndx_state_init(&rl->stand.ndx);
	rl->ff.fd = -1;
	if (rl->list.active) {
		rl->dest.in.eof = 1;
		rl->dest.out.closed = 1;
	}
	if (o->info.level[INFO_PROGRESS] && !rl->list.active) {
		progress_init(&rl->progress, r->out, o->info.level[INFO_PROGRESS],
			      o->human_readable, o->quiet);
		r->progress = &rl->progress;
	}

	memset(&p, 0, sizeof p);
	p.fo.protocol = s->protocol;
	p.fo.varint_flags = s->varint_flist_flags;
	p.fo.safe_flist = s->safe_flist;
	p.fo.id0_names = s->id0_names;
	p.fo.inc_recurse = s->inc_recurse;
	p.fo.preserve_uid = o->preserve_uid;
	p.fo.preserve_gid = o->preserve_gid;
	p.fo.preserve_links = o->preserve_links;
	p.fo.preserve_devices = o->preserve_devices;
	p.fo.preserve_specials = o->preserve_specials;
	p.fo.preserve_hard_links = o->preserve_hard_links;
	p.fo.always_checksum = o->always_checksum;
	p.fo.flist_csum_len = s->flist_csum_len;
	p.fo.preserve_acls = o->preserve_acls;
	p.fo.preserve_xattrs = o->preserve_xattrs;
	p.fo.preserve_atimes = o->preserve_atimes;
	p.fo.preserve_crtimes = o->preserve_crtimes;
	p.fo.relative_paths = o->relative_paths;
	p.fo.numeric_ids = o->numeric_ids;
	p.fo.missing_args_delete = o->missing_args == 2;
	p.fo.unsorted = o->iconv_opt != NULL;	/* rsync's need_unsorted_flist */
	p.fo.xattr_sum_len = XATTR_SUM_LEN;
	p.ignore_errors = o->ignore_errors;
	p.want_xattr_optim = s->protocol >= 31 && !(s->compat_flags & CF_AVOID_XATTR_OPTIM);
	p.do_xfers = !o->dry_run;
	p.compressed = s->compress[0] != '\0';
	p.zip = zip_counted(s->compress);
	p.xfer_sum_len = s->xfer_sum_len;
	p.log_before = o->log_before_transfer;
	p.append_mode = o->append_mode;
	p.trust = &rl->trust;	/* main.c's setup_trust() fills it in */
	p.max_alloc = o->max_alloc;
	p.resign = s->resign;
	p.seed_src = s->seed_src;
	p.seed_dest = s->seed_dest;

	rl->fmt = (struct item_format){
		.fmt = o->stdout_format, .has_i = o->stdout_format_has_i,
		.name_level = o->info.level[INFO_NAME], .del_level = o->info.level[INFO_DEL],
		.dry_run = o->dry_run, .protocol = s->protocol,
		.preserve_uid = o->preserve_uid, .preserve_gid = o->preserve_gid,
		.preserve_mtimes = o->preserve_mtimes,
		/* %C: with -c the file list's checksum, else the transfer's */
		.sum_len = o->always_checksum ? s->flist_csum_len : s->xfer_sum_len,
		.sum_order = sum_order(o->always_checksum ? s->file_checksum : s->checksum,
				       s->protocol),
		.file_sums = o->always_checksum,
		.log_fmt = o->logfile_format,
		.log_has_i = o->logfile_format_has_i,
		.log_has_o_or_i = o->logfile_format_has_o_or_i,
	};
	return ss_init(&rl->ss, &p);
}

void pump_free(struct relay *rl)
{
	side_free(&rl->src);
	side_free(&rl->dest);
	buf_free(&rl->sdata);
	buf_free(&rl->stand.pending);
	buf_free(&rl->gdata);
	gs_free(&rl->gs);
	ss_free(&rl->ss);
	trust_free(&rl->trust);
}

/* ---- output to a server ---- */

static void put_msg(struct side *sd, int tag, const void *payload, uint32_t len)
{
	unsigned char hdr[MUX_HDR_LEN];

	/* Without multiplexed input a server cannot receive messages. */
	if (!sd->out.mux || sd->out.closed || buf_room(&sd->out.msgs) < len + MUX_HDR_LEN)
		return;
	wire_write_mux_header(hdr, tag, len);
	buf_append(&sd->out.msgs, hdr, MUX_HDR_LEN);
	buf_append(&sd->out.msgs, payload, len);
}

static void put_msg_int(struct side *sd, int tag, int32_t v)
{
	unsigned char b[4];
	wire_put_u32(b, (uint32_t)v);
	put_msg(sd, tag, b, 4);
}

static int out_pending(const struct side *sd)
{
	const struct outq *q = &sd->out;
	return !q->closed && (q->hdr_left || buf_len(&q->data) || buf_len(&q->msgs));
}

static void close_input(struct side *sd)
{
	sd->out.closed = 1;
	child_close_to(sd->child);
}

/* Writes what the queue holds without blocking.  Messages go only at frame
 * boundaries; data goes as frames of what is queued. */
static int flush_out(struct side *sd)
{
	struct outq *q = &sd->out;
	int fd = sd->child->to_fd;

	while (!q->closed && !q->blocked) {
		struct iovec iov[2];
		int n = 0;
		ssize_t k;

		if (!q->hdr_left && !q->frame_left) {
			if (buf_len(&q->msgs)) {
				iov[n].iov_base = buf_start(&q->msgs);
				iov[n++].iov_len = buf_len(&q->msgs);
			} else if (buf_len(&q->data)) {
				size_t len = buf_len(&q->data);
				if (!q->mux) {
					q->frame_left = (uint32_t)(len > 0x7FFFFFFF ? 0x7FFFFFFF : len);
				} else {
					if (len > MUX_MAX_PAYLOAD)
						len = MUX_MAX_PAYLOAD;
					wire_write_mux_header(q->hdr, MSG_DATA, (uint32_t)len);
					q->hdr_left = MUX_HDR_LEN;
					q->frame_left = (uint32_t)len;
				}
			} else
				return 0;
		}
		if (!n) {
			if (q->hdr_left) {
				iov[n].iov_base = q->hdr + MUX_HDR_LEN - q->hdr_left;
				iov[n++].iov_len = (size_t)q->hdr_left;
			}
			if (q->frame_left) {
				iov[n].iov_base = buf_start(&q->data);
				iov[n++].iov_len = q->frame_left;
			}
		}
		size_t asked = 0;
		for (int i = 0; i < n; i++)
			asked += iov[i].iov_len;
		k = writev(fd, iov, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				q->blocked = 1;
				return 0;
			}
			/* The server is gone; what it would have read is moot. */
			close_input(sd);
			return -1;
		}
		sd->bytes_out += (uint64_t)k;
		if (iov[0].iov_base == buf_start(&q->msgs) && buf_len(&q->msgs) && !q->hdr_left &&
		    !q->frame_left) {
			buf_consume(&q->msgs, (size_t)k);
		} else {
			size_t moved = (size_t)k;
			if (q->hdr_left) {
				size_t h = moved < (size_t)q->hdr_left ? moved : (size_t)q->hdr_left;
				q->hdr_left -= (int)h;
				moved -= h;
			}
			buf_consume(&q->data, moved);
			q->frame_left -= (uint32_t)moved;
		}
		/* A short write means a full pipe: trying again now would only
		 * fail (poll says when there is room). */
		if ((size_t)k < asked) {
			q->blocked = 1;
			return 0;
		}
	}
	return 0;
}

/* One more write, whatever the last one met (the run is ending). */
static void last_flush(struct side *sd)
{
	sd->out.blocked = 0;
	flush_out(sd);
}

/* ---- the servers' messages ---- */

static void begin_error_exit(struct relay *rl, struct side *from, int code)
{
	struct side *other = from == &rl->src ? &rl->dest : &rl->src;

	if (code > rl->r->remote_exit)
		rl->r->remote_exit = code;
	if (rl->exit_sent)
		return;
	rl->exit_sent = 1;
	/* As rsync's client: answer the server, and bring the other one
	 * down with the same code. */
	put_msg(from, MSG_ERROR_EXIT, "", 0);
	if (rl->s->protocol >= 31)
		put_msg_int(other, MSG_ERROR_EXIT, code);
}

/* A violation genstream found, in the sender's own words where it has
 * some (the relay made the check for it).  Returns -1. */
static int report_gs(struct relay *rl)
{
	if (rl->gs.err_rsync)
		report_fatal_line(rl->r, rl->gs.err_code, "%s", rl->gs.err);
	else
		report_fatal(rl->r, rl->gs.err_code, "%s", rl->gs.err);
	return -1;
}

static int handle_msg(struct relay *rl, struct side *from, int tag,
		      const unsigned char *p, uint32_t len)
{
	struct side *other = from == &rl->src ? &rl->dest : &rl->src;
	int from_sender = from == &rl->src;

	switch (tag) {
	case MSG_INFO:
	case MSG_ERROR:
	case MSG_ERROR_XFER:
	case MSG_WARNING:
	case MSG_ERROR_UTF8:
	case MSG_ERROR_SOCKET:
	case MSG_LOG:
	case MSG_CLIENT:
		/* For the user only: forwarded, the other server would print
		 * it back to us. */
		report_server_msg(rl->r, tag, p, len);
		return 0;
	case MSG_IO_ERROR:
		if (len != 4)
			break;
		rl->r->io_error |= (int)wire_get_u32(p) & IOERR_VALID_MASK;
		put_msg(other, tag, p, len);
		return 0;
	case MSG_NOOP:
		if (len != 0)
			break;
		put_msg(other, tag, p, len);
		return 0;
	case MSG_SUCCESS:
		if (len != 4 || from_sender)
			break;
		if (!rl->stand.active && gs_check_success(&rl->gs, (int32_t)wire_get_u32(p)) < 0)
			return report_gs(rl);
		put_msg(other, tag, p, len);
		return 0;
	case MSG_NO_SEND:
		if (len != 4 || !from_sender)
			break;
		put_msg(other, tag, p, len);
		return 0;
	case MSG_DELETED:
		if (from_sender)
			break;
		report_deleted(rl->r, &rl->fmt, p, len);
		return 0;
	case MSG_IO_TIMEOUT:
		return len == 4 ? 0 : -1;
	case MSG_ERROR_EXIT:
		from->said_exit = 1;
		if (len == 4)
			begin_error_exit(rl, from, (int)wire_get_u32(p));
		else if (len != 0)
			break;
		return 0;
	default:
		report_fatal(rl->r, RERR_STREAMIO, "unexpected tag %d from the %s (%s)", tag,
			     from->who, from->child->where);
		return -1;
	}
	report_fatal(rl->r, RERR_STREAMIO, "invalid multi-message %d:%u from the %s (%s)",
		     tag, (unsigned)len, from->who, from->child->where);
	return -1;
}

/* Splits raw input into data (handed to sink up to its room) and messages.
 * Returns -1 on a protocol error. */
typedef ptrdiff_t (*data_sink)(struct relay *rl, const unsigned char *p, size_t n);

static int demux(struct relay *rl, struct side *sd, data_sink sink)
{
	struct inq *q = &sd->in;

	while (buf_len(&q->raw)) {
		const unsigned char *p = buf_start(&q->raw);
		struct mux_piece pc;
		size_t took;

		switch (mux_next(&q->mux, p, buf_len(&q->raw), MSG_MAX, &pc)) {
		case MUX_NEED_MORE:
			return 0;
		case MUX_BAD_HEADER:
			report_fatal(rl->r, RERR_STREAMIO,
				     "invalid multiplexed frame from the %s (header 0x%08x) (%s)",
				     sd->who, (unsigned)wire_get_u32(p), sd->child->where);
			return -1;
		case MUX_TOO_LONG:
			report_fatal(rl->r, RERR_STREAMIO, "multiplexing overflow %d:%u from the %s (%s)",
				     pc.tag, (unsigned)pc.frame_left, sd->who, sd->child->where);
			return -1;
		}
		if (pc.tag == MSG_DATA && pc.hdr) {
			q->frames++;
			q->frame_bytes = MUX_HDR_LEN + pc.frame_left;
		}
		if (pc.tag == MSG_DATA) {
			ptrdiff_t k = pc.len ? sink(rl, pc.p, pc.len) : 0;
			if (k < 0)
				return -1;
			took = (size_t)k;
			buf_consume(&q->raw, mux_took(&q->mux, &pc, took));
			if (took < pc.len)
				return 0;
			continue;
		}
		if (handle_msg(rl, sd, pc.tag, pc.p, (uint32_t)pc.len) < 0)
			return -1;
		buf_consume(&q->raw, mux_took(&q->mux, &pc, pc.len));
	}
	return 0;
}

/* ---- sender to receiver ---- */

/* An NDX_DONE to a server: one byte from protocol 30, an int before. */
static void put_done(struct relay *rl, struct side *sd)
{
	static const unsigned char done = 0;
	unsigned char b[4];
	const void *p = &done;
	size_t n = 1;

	if (rl->s->protocol < 30) {
		wire_put_u32(b, (uint32_t)NDX_DONE);
		p = b;
		n = 4;
	}
	if (buf_room(&sd->out.data) >= n)
		buf_append(&sd->out.data, p, n);
}

/* The progress lines rsync's receiving client prints (receiver.c): per
 * delta token, at each file's end, and with progress2 at each NDX_DONE. */
static void progress_events(struct relay *rl, int ev)
{
	const struct sendstream *ss = &rl->ss;
	struct progress *p = &rl->progress;
	int whole = rl->o->info.level[INFO_PROGRESS] >= 2;
	int64_t size = 0, now = now_ms();
	struct progress_counts c = {
		.xferred = ss->st.xferred_files,
		.to_check = ss->st.num_files[SK_ALL] - ss->cur_index - 1,
		.total = ss->st.num_files[SK_ALL],
		.flist_done = ss->flist_eof || !rl->s->inc_recurse,
	};

	/* (after an NDX_DONE the item's list may be gone) */
	if (ev & (SS_EV_DATA | SS_EV_XFER_END))
		size = ss->item->size;

	if (ev & SS_EV_DATA) {
		/* Compressed data the relay cannot count: the bytes so far
		 * without a share of the whole (the line's -1 size) */
		int unknown = !ss_data_counted(ss);

		if (whole)
			progress_show(p, ss->st.total_transferred_size - size +
					 (unknown ? 0 : ss->data_ofs),
				      unknown ? -1 : ss->total_size, now);
		else
			progress_show(p, ss->data_ofs, unknown ? -1 : size, now);
	}
	if (ev & SS_EV_XFER_END) {
		if (whole)
			progress_end_file(p, ss->st.total_transferred_size, ss->total_size, &c, now);
		else
			progress_end_file(p, size, size, &c, now);
	}
	if ((ev & SS_EV_DONE) && whole && ss->done_last >= 0) {
		c.to_check = ss->st.num_files[SK_ALL] - ss->done_last - 1;
		progress_end_file(p, ss->st.total_transferred_size, ss->total_size, &c, now);
	}
}

static void on_events(struct relay *rl)
{
	struct sendstream *ss = &rl->ss;
	int ev = ss->events;

	ss->events = 0;
	/* rsync's file-list messages (flist.c): a counting line for a whole
	 * list, a plain announcement for an incremental one. */
	int flist_level = rl->o->info.level[INFO_FLIST];
	int counting = flist_level >= 1 && rl->o->xfer_dirs && !rl->s->inc_recurse;
	char line[64];

	if (ev & SS_EV_FLIST_START) {
		if (counting)
			report_info(rl->r, "receiving file list ... ");
		else if (rl->s->inc_recurse && flist_level >= 1)
			report_info(rl->r, "receiving incremental file list\n");
	}
	if ((ev & SS_EV_ENTRY) && counting && flist_level >= 2 && ss->nlists == 0 &&
	    ss->st.num_files[SK_ALL] % 100 == 0) {
		snprintf(line, sizeof line, " %d files...\r", ss->st.num_files[SK_ALL]);
		report_info(rl->r, line);
	}
	if ((ev & SS_EV_FLIST_DONE) && rl->list.active) {
		listing_print(rl->r, &rl->list.fmt, ss->last, &ss->dirs);
		/* Moving on to a new list retires the one before (rsync's
		 * check_for_finished_files); the sender then sends more. */
		if (rl->s->inc_recurse && ss->nlists >= 2)
			put_done(rl, &rl->src);
	}
	if ((ev & SS_EV_FLIST_DONE) && ss->nlists == 1) {
		if (counting && flist_level >= 2) {
			int n = ss->st.num_files[SK_ALL];
			snprintf(line, sizeof line, "%d file%sto consider\n", n, n == 1 ? " " : "s ");
			report_info(rl->r, line);
		} else if (counting)
			report_info(rl->r, "done\n");
		if (ss->first_list_empty && !rl->list.active) {
			/* The sender exits now; answer the receiver ourselves. */
			rl->stand.active = 1;
		}
	}
	/* --append: a file sent once gets block sums when asked again */
	if ((ev & SS_EV_XFER_END) && gs_file_sent(&rl->gs, ss->item_ndx) < 0)
		report_fatal(rl->r, RERR_MALLOC, "out of memory");
	if (rl->r->progress)
		progress_events(rl, ev);
	if (ev & SS_EV_ITEM)
		report_stream_item(rl->r, &rl->fmt, ss);
	if (ev & (SS_EV_ITEM | SS_EV_XFER_END))
		report_stream_log(rl->r, &rl->fmt, ss, ev);
}

/* Listing: once every list is in, the generator's phase ends (the first
 * also retires the last list) and its goodbye (rsync's generate_files
 * and do_recv with nothing to transfer). */
static void lister_step(struct relay *rl)
{
	const struct sendstream *ss = &rl->ss;
	int all_in = rl->s->inc_recurse ? ss->flist_eof : ss->nlists >= 1;

	if (!rl->list.active || rl->list.ended || !all_in || ss->building)
		return;
	rl->list.ended = 1;
	if (ss->first_list_empty)
		return;	/* the sender has left already */
	for (int i = 0; i < (rl->s->protocol >= 31 ? 5 : 4); i++)
		put_done(rl, &rl->src);
}

/* Once the receiver is gone the sender's stream is only read to its end,
 * so that the sender is never left blocked on a full pipe. */
static int forwarding(const struct relay *rl)
{
	return !rl->exit_sent && !rl->dest.out.closed;
}

/* ---- file data without a copy (struct gather) ---- */

static void gather_reset(struct gather *g)
{
	g->n = 0;
	g->len = 0;
	g->on = 0;
}

/* Gathers only when the receiver's queue is idle: nothing queued, no frame
 * half written, its pipe not known to be full. */
static void gather_begin(struct relay *rl)
{
	const struct outq *q = &rl->dest.out;

	gather_reset(&rl->gather);
	rl->gather.on = forwarding(rl) && !q->blocked && !q->hdr_left && !q->frame_left &&
			!buf_len(&q->data) && !buf_len(&q->msgs) && !rl->stand.active;
}

/* Copies the gathered pieces, less the first skip bytes, into the
 * receiver's queue (in order: nothing was queued since gathering began),
 * and stops gathering for this pass. */
static void gather_spill(struct relay *rl, size_t skip)
{
	struct gather *g = &rl->gather;

	for (int i = 1; i <= g->n; i++) {
		size_t len = g->iov[i].iov_len;
		if (skip >= len) {
			skip -= len;
			continue;
		}
		buf_append(&rl->dest.out.data, (unsigned char *)g->iov[i].iov_base + skip,
			   len - skip);
		skip = 0;
	}
	gather_reset(g);
}

/* Queues n bytes for the receiver.  in_place: p lies in the sender's input
 * buffer, which stays put until gather_end. */
static void forward_bytes(struct relay *rl, const unsigned char *p, size_t n, int in_place)
{
	struct gather *g = &rl->gather;

	if (g->on && in_place) {
		struct iovec *last = &g->iov[g->n];
		if (g->n && (const unsigned char *)last->iov_base + last->iov_len == p) {
			last->iov_len += n;
			g->len += n;
			return;
		}
		if (g->n < GATHER_MAX) {
			g->iov[++g->n] = (struct iovec){ .iov_base = (void *)p, .iov_len = n };
			g->len += n;
			return;
		}
	}
	gather_spill(rl, 0);
	buf_append(&rl->dest.out.data, p, n);
}

/* The receiver's room: its queue's, less what is gathered to go first. */
static size_t dest_room(struct relay *rl)
{
	return buf_room(&rl->dest.out.data) - rl->gather.len;
}

/* Writes what was gathered as one frame; what the pipe does not take is
 * queued as the rest of that frame. */
static void gather_end(struct relay *rl)
{
	struct gather *g = &rl->gather;
	struct outq *q = &rl->dest.out;
	size_t h = q->mux ? MUX_HDR_LEN : 0, wrote;
	ssize_t k;

	if (q->closed)		/* the receiver went while this pass was parsed */
		gather_reset(g);
	g->on = 0;
	if (!g->n)
		return;
	wire_write_mux_header(g->hdr, MSG_DATA, (uint32_t)g->len);
	g->iov[0] = (struct iovec){ .iov_base = g->hdr, .iov_len = h };
	do
		k = writev(rl->dest.child->to_fd, g->iov, g->n + 1);
	while (k < 0 && errno == EINTR);
	if (k < 0 && errno != EAGAIN) {
		/* the receiver is gone; what it would have read is moot */
		gather_reset(g);
		close_input(&rl->dest);
		return;
	}
	wrote = k < 0 ? 0 : (size_t)k;
	rl->dest.bytes_out += wrote;
	if (wrote == h + g->len) {
		gather_reset(g);
		return;
	}
	/* a full pipe: the rest goes as the queue's current frame */
	q->blocked = 1;
	if (wrote == 0) {
		gather_spill(rl, 0);	/* framed afresh by flush_out */
		return;
	}
	if (wrote < h) {
		memcpy(q->hdr, g->hdr, MUX_HDR_LEN);
		q->hdr_left = (int)(h - wrote);
		wrote = h;
	}
	q->frame_left = (uint32_t)(g->len - (wrote - h));
	gather_spill(rl, wrote - h);
}

/* Parses what p holds and queues it for the receiver, up to an item that
 * is not complete (*short_item set) or to the end of the receiver's room.
 * Returns the bytes used, or -1 on a protocol error. */
static ptrdiff_t parse_some(struct relay *rl, const unsigned char *p, size_t n,
			    int in_place, int *short_item)
{
	int forward = forwarding(rl);
	size_t pos = 0;

	*short_item = 0;
	while (pos < n) {
		size_t len = n - pos, used;
		int drop, r;

		/* (an entry passed on changed may grow by a few bytes) */
		size_t room = dest_room(rl) > sizeof rl->ss.subst ? dest_room(rl) - sizeof rl->ss.subst
								   : 0;
		if (forward && len > room)
			len = room;
		ss_set_frame(&rl->ss, rl->src.in.frames, rl->src.in.frame_bytes);
		r = ss_step(&rl->ss, p + pos, len, &used, &drop);
		if (r < 0) {
			if (rl->ss.err_code)
				report_fatal_line(rl->r, rl->ss.err_code, "%s", rl->ss.err);
			else
				report_fatal(rl->r, RERR_STREAMIO, "%s [sender stream]", rl->ss.err);
			return -1;
		}
		if (r == 0) {
			*short_item = len == n - pos;
			break;
		}
		if (!drop && forward && rl->ss.subst_len) {
			forward_bytes(rl, rl->ss.subst, rl->ss.subst_len, 0);
			forward_bytes(rl, p + pos + rl->ss.subst_skip, used - rl->ss.subst_skip, 0);
		} else if (!drop && forward)
			forward_bytes(rl, p + pos, used, in_place);
		pos += used;
		if (rl->ss.events)
			on_events(rl);
		lister_step(rl);
	}
	return (ptrdiff_t)pos;
}

/* Feeds the parser what the receiver's queue has room for. */
static int parse_sender(struct relay *rl)
{
	int short_item;
	ptrdiff_t used;

	/* A goodbye cut short is the receiver's to judge: pass it on. */
	if (ss_at_tail(&rl->ss) && rl->src.in.eof && !buf_len(&rl->src.in.raw) &&
	    buf_len(&rl->sdata) && forwarding(rl) && dest_room(rl) >= buf_len(&rl->sdata)) {
		forward_bytes(rl, buf_start(&rl->sdata), buf_len(&rl->sdata), 0);
		buf_consume(&rl->sdata, buf_len(&rl->sdata));
	}
	if (!buf_len(&rl->sdata))
		return 0;
	used = parse_some(rl, buf_start(&rl->sdata), buf_len(&rl->sdata), 0, &short_item);
	if (used < 0)
		return -1;
	buf_consume(&rl->sdata, (size_t)used);
	if (short_item && buf_len(&rl->sdata) == rl->sdata.cap) {
		report_fatal(rl->r, RERR_STREAMIO, "an item in the sender's stream exceeds %u bytes",
			     (unsigned)rl->sdata.cap);
		return -1;
	}
	return 0;
}

/* A stream's data parsed where it lies in the frame (parse, in place):
 * only an item split between frames is copied aside to be completed (and
 * parsed from there by parse_aside).  So file data is at most copied once,
 * into the next server's queue (not even that when it is gathered). */
typedef ptrdiff_t (*parse_fn)(struct relay *rl, const unsigned char *p, size_t n,
			      int in_place, int *short_item);

static ptrdiff_t sink_parsed(struct relay *rl, struct buf *aside, parse_fn parse,
			     int (*parse_aside)(struct relay *rl), const unsigned char *p,
			     size_t n)
{
	size_t took = 0, room;
	int short_item = 1;

	if (!buf_len(aside)) {
		ptrdiff_t k = parse(rl, p, n, 1, &short_item);
		if (k < 0)
			return -1;
		took = (size_t)k;
	}
	/* the next server's queue is full: the rest waits in the frame */
	if (!short_item)
		return (ptrdiff_t)took;
	room = buf_room(aside);
	if (n - took < room)
		room = n - took;
	buf_append(aside, p + took, room);
	took += room;
	return parse_aside(rl) < 0 ? -1 : (ptrdiff_t)took;
}

static ptrdiff_t sink_sender(struct relay *rl, const unsigned char *p, size_t n)
{
	return sink_parsed(rl, &rl->sdata, parse_some, parse_sender, p, n);
}

/* ---- receiver to sender ---- */


/* The sender's side of the end of run for an empty file list (rsync's
 * send_files and read_final_goodbye with nothing to send). */
static int stand_in_step(struct relay *rl)
{
	struct stand_in *st = &rl->stand;

	while (buf_len(&st->pending)) {
		struct ndx_state saved = st->ndx;
		const unsigned char *p = buf_start(&st->pending);
		size_t len = buf_len(&st->pending), pos;
		int32_t ndx;
		ptrdiff_t k = wire_read_ndx(&st->ndx, rl->s->protocol, p, len, &ndx);

		if (k == WIRE_NEED_MORE)
			return 0;
		if (k < 0)
			goto bad;
		pos = (size_t)k;
		if (ndx == NDX_DEL_STATS) {
			int32_t v[WIRE_DEL_STATS];
			ptrdiff_t m = wire_read_del_stats(p + pos, len - pos, v);
			if (m == WIRE_NEED_MORE) {
				st->ndx = saved;
				return 0;
			}
			if (m < 0)
				goto bad;
			pos += (size_t)m;
		} else if (ndx != NDX_DONE || st->stage == 3) {
			goto bad;
		} else if (st->stage == 0) {
			/* Every phase end is echoed, the last one after the
			 * loop that send_files() leaves. */
			if (++st->phase > (rl->s->protocol >= 29 ? 2 : 1))
				st->stage = 1;
			put_done(rl, &rl->dest);
		} else if (st->stage == 1 && rl->s->protocol >= 31) {
			put_done(rl, &rl->dest);
			st->stage = 2;
		} else
			st->stage = 3;
		buf_consume(&st->pending, pos);
	}
	return 0;
bad:
	report_fatal(rl->r, RERR_STREAMIO, "Invalid packet at end of run from the receiver");
	return -1;
}

/* Checks what p holds and queues it for the sender, up to an item that is
 * not complete (*short_item set) or to the end of the sender's room.
 * Returns the bytes used, or -1 when the receiver sent what a correct
 * one never does: then nothing of that item reaches the sender. */
static ptrdiff_t gen_parse(struct relay *rl, const unsigned char *p, size_t n, int in_place,
			   int *short_item)
{
	struct buf *q = &rl->src.out.data;
	size_t pos = 0;

	(void)in_place;		/* the generator's bytes are always copied */
	*short_item = 0;
	while (pos < n && buf_room(q)) {
		size_t len = n - pos, used;
		int r;

		if (len > buf_room(q))
			len = buf_room(q);
		r = gs_step(&rl->gs, p + pos, len, &used);
		if (r < 0)
			return report_gs(rl);
		if (r == 0) {
			*short_item = len == n - pos;
			break;
		}
		buf_append(q, p + pos, used);
		pos += used;
	}
	return (ptrdiff_t)pos;
}

/* Feeds the checks what waits in gdata. */
static int parse_generator(struct relay *rl)
{
	int short_item;
	ptrdiff_t used;

	if (!buf_len(&rl->gdata) || rl->stand.active)
		return 0;
	if (rl->exit_sent || rl->src.out.closed) {
		buf_consume(&rl->gdata, buf_len(&rl->gdata));
		return 0;
	}
	used = gen_parse(rl, buf_start(&rl->gdata), buf_len(&rl->gdata), 0, &short_item);
	if (used < 0)
		return -1;
	buf_consume(&rl->gdata, (size_t)used);
	if (short_item && !buf_room(&rl->gdata)) {
		report_fatal(rl->r, RERR_STREAMIO, "an item in the receiver's stream exceeds %u bytes",
			     (unsigned)rl->gdata.cap);
		return -1;
	}
	return 0;
}

/* The generator's data, checked where it lies in the frame; only an item
 * split between frames is copied aside (to gdata) to be completed. */
static ptrdiff_t sink_generator(struct relay *rl, const unsigned char *p, size_t n)
{
	size_t room;

	if (rl->exit_sent || (!rl->stand.active && rl->src.out.closed))
		return (ptrdiff_t)n; /* nobody left to pass it on to */
	if (rl->stand.active) {
		/* the sender has left; the relay answers (stand_in_step) */
		room = buf_room(&rl->stand.pending);
		if (n > room)
			n = room;
		buf_append(&rl->stand.pending, p, n);
		return (ptrdiff_t)n;
	}
	return sink_parsed(rl, &rl->gdata, gen_parse, parse_generator, p, n);
}

/* ---- files-from forwarding ---- */

/* Starts sending a local --files-from list to the sender. */
void pump_files_from(struct relay *rl, int fd, int nulls)
{
	rl->ff.fd = fd;
	rl->ff.nulls = nulls;
	/* Before protocol 31 the list goes unframed even on a multiplexed
	 * connection, once what is queued before it has been written. */
	rl->ff.raw = rl->s->protocol < 31 && rl->src.out.mux;
}

/* Whether list bytes can be queued for the sender now. */
static int ff_can_take(struct relay *rl)
{
	struct outq *q = &rl->src.out;

	if (rl->ff.fd < 0 || rl->ff.done || q->closed)
		return 0;
	/* Unframed bytes wait until the frames queued before them are out. */
	if (rl->ff.raw && q->mux &&
	    (buf_len(&q->data) || q->hdr_left || q->frame_left || buf_len(&q->msgs)))
		return 0;
	return buf_room(&q->data) >= 2;
}

/* Reads more of the list into the sender's queue: newlines become NULs,
 * runs of NULs collapse, and an empty name ends the list. */
static int forward_files_from(struct relay *rl)
{
	struct files_from *ff = &rl->ff;
	struct outq *q = &rl->src.out;
	unsigned char tmp[16384];
	size_t room;
	ssize_t k;

	if (!ff_can_take(rl))
		return 0;
	if (ff->raw)
		q->mux = 0;
	room = buf_room(&q->data);
	/* The list may be a pipe (stdin): never block on it. */
	struct pollfd pf = { .fd = ff->fd, .events = POLLIN };
	if (poll(&pf, 1, 0) <= 0)
		return 0;
	if (room > sizeof tmp)
		room = sizeof tmp;
	k = read(ff->fd, tmp, room - 2);
	if (k < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (k <= 0) {
		static const unsigned char end[2] = { 0, 0 };
		if (trust_add_request_bytes(&rl->trust, end, 0, 1) < 0)
			report_fatal(rl->r, RERR_MALLOC, "out of memory");
		buf_append(&q->data, end, ff->lastchar ? 2 : 1);
		ff->done = 1;
		if (ff->fd > 0)
			close(ff->fd);
		ff->fd = -1;
		return 0;
	}
	for (ssize_t i = 0; i < k; i++) {
		unsigned char c = tmp[i];
		if (!ff->nulls && (c == '\n' || c == '\r'))
			c = 0;
		tmp[i] = c;
		if (c == 0 && ff->lastchar == 0)
			continue;
		buf_append(&q->data, &c, 1);
		ff->lastchar = c;
	}
	/* what is asked for by name may come back (trust.h) */
	if (trust_add_request_bytes(&rl->trust, tmp, (size_t)k, 0) < 0)
		report_fatal(rl->r, RERR_MALLOC, "out of memory");
	return 0;
}

/* After a raw list, the connection is multiplexed again. */
static void files_from_remux(struct relay *rl)
{
	struct outq *q = &rl->src.out;

	if (rl->ff.raw && rl->ff.done && !q->mux && !buf_len(&q->data))
		q->mux = 1;
}

/* ---- the loop ---- */

static int read_side(struct relay *rl, struct side *sd)
{
	struct inq *q = &sd->in;
	size_t room = buf_room(&q->raw);
	ssize_t k;

	if (!room || q->eof)
		return 0;
	k = read(sd->child->from_fd, buf_tail(&q->raw), room);
	if (k > 0) {
		buf_commit(&q->raw, (size_t)k);
		sd->bytes_in += (uint64_t)k;
		rl->last_io_ms = now_ms();
	} else if (k == 0 || (errno != EAGAIN && errno != EINTR))
		q->eof = 1;
	return 0;
}

/* A server closed its output.  After the sender's statistics that is the
 * normal end, and so it is for a receiver after its goodbye (openrsync's
 * leaves then, before the sender's statistics, which it never reads);
 * before, the other server is stopped as rsync's client would stop it. */
static void side_ended(struct relay *rl, struct side *gone, struct side *other)
{
	if (ss_at_tail(&rl->ss) || rl->stand.active || rl->exit_sent ||
	    (rl->list.active && rl->ss.first_list_empty) ||
	    (gone == &rl->dest && rl->gs.state == GS_END))
		return;
	if (signals_caught()) {
		/* the terminal's Ctrl-C reached the remote shell too */
		report_stop(rl->r, RERR_SIGNAL);
	} else if (!rl->r->fatal) {
		rl->r->peer_lost = 1;
		report_fatal(rl->r, RERR_STREAMIO,
			     "connection unexpectedly closed (%llu bytes received so far) [%s] (%s)",
			     (unsigned long long)gone->bytes_in, gone->who, gone->child->where);
	}
	rl->exit_sent = 1;
	if (rl->s->protocol >= 31)
		put_msg_int(other, MSG_ERROR_EXIT, RERR_STREAMIO);
	last_flush(other);
}

/* A server's output has ended: nothing is left, or only the start of a
 * frame that can never be completed. */
static int input_over(const struct side *sd)
{
	struct mux_piece pc;

	if (!sd->in.eof)
		return 0;
	return !buf_len(&sd->in.raw) ||
	       mux_next(&sd->in.mux, buf_start(&sd->in.raw), buf_len(&sd->in.raw), MSG_MAX,
			&pc) == MUX_NEED_MORE;
}

static void check_ends(struct relay *rl)
{
	struct side *a = &rl->src, *b = &rl->dest;
	int a_ended = input_over(a);
	int b_ended = input_over(b);

	if (rl->list.active) {
		/* the sender alone: its end is the run's end */
		if (a_ended) {
			side_ended(rl, a, b);
			rl->done = 1;
		}
		return;
	}

	/* The receiver keeps its input until it is done itself. */
	if (a_ended && !b->out.closed && !out_pending(b)) {
		side_ended(rl, a, b);
		/* after the sender's last byte the receiver's input ends too
		 * (its goodbye takes an end of file in its stride) */
		if (rl->exit_sent || (ss_at_tail(&rl->ss) && !buf_len(&rl->sdata)))
			close_input(b);
	}
	/* The receiver may finish before the sender's goodbye is read; the
	 * sender then has nothing more to get. */
	if (b_ended) {
		if (!out_pending(b))
			close_input(b);
		if (!a->out.closed && !out_pending(a)) {
			/* after a server's error exit, not before the sender
			 * has answered it */
			int waits = rl->exit_sent && !a->said_exit && rl->s->protocol >= 31;

			side_ended(rl, b, a);
			if (!waits)
				close_input(a);
		}
	}
	if (a_ended && b_ended)
		rl->done = 1;
}

/* How full each queue is; any byte moved changes one of these. */
struct queue_state {
	size_t lens[6];
	uint64_t written[2];
	uint32_t frames[2];
};

static void queue_state(const struct relay *rl, struct queue_state *q)
{
	memset(q, 0, sizeof *q);
	q->lens[0] = buf_len(&rl->src.in.raw);
	q->lens[1] = buf_len(&rl->sdata);
	q->lens[2] = buf_len(&rl->dest.in.raw);
	q->lens[3] = buf_len(&rl->stand.pending);
	q->lens[4] = buf_len(&rl->dest.out.data) + buf_len(&rl->src.out.data);
	q->lens[5] = buf_len(&rl->gdata);
	q->written[0] = rl->src.bytes_out;
	q->written[1] = rl->dest.bytes_out;
	q->frames[0] = rl->src.in.mux.data_left;
	q->frames[1] = rl->dest.in.mux.data_left;
}

/* Demultiplexes, parses and writes until nothing more can move without
 * new input: a drained output queue makes room for parsed input, which
 * makes room for raw input, so one pass is not enough. */
static int move_bytes(struct relay *rl)
{
	struct queue_state before, after;
	int rc;

	do {
		queue_state(rl, &before);
		forward_files_from(rl);
		gather_begin(rl);
		rc = demux(rl, &rl->src, sink_sender) < 0 || parse_sender(rl) < 0 ? -1 : 0;
		gather_end(rl);
		if (rc < 0)
			return -1;
		if (demux(rl, &rl->dest, sink_generator) < 0 || parse_generator(rl) < 0)
			return -1;
		if (rl->stand.active && stand_in_step(rl) < 0)
			return -1;
		/* A server that closes in mid-frame has nothing more to say. */
		if (rl->src.in.eof && rl->src.in.mux.data_left && !buf_len(&rl->src.in.raw))
			rl->src.in.mux.data_left = 0;
		if (rl->dest.in.eof && rl->dest.in.mux.data_left && !buf_len(&rl->dest.in.raw))
			rl->dest.in.mux.data_left = 0;
		flush_out(&rl->src);
		flush_out(&rl->dest);
		files_from_remux(rl);
		/* the relay's own failure (say, printing) ends the run */
		if (rl->r->fatal && !rl->exit_sent)
			return -1;
		queue_state(rl, &after);
	} while (memcmp(&before, &after, sizeof before) != 0);
	return 0;
}

int pump_run(struct relay *rl)
{
	long exit_deadline = 0;

	long io_limit = rl->o->io_timeout > 0 ? rl->o->io_timeout * 1000L : 0;

	rl->last_io_ms = now_ms();
	on_events(rl);
	while (!rl->done) {
		struct pollfd pf[7];
		struct side *sides[2] = { &rl->src, &rl->dest };
		int n = 0, timeout = -1, shells_at;

		if (signals_caught() && !rl->r->fatal) {
			/* rsync's client tells the servers (protocol 31) and goes */
			report_stop(rl->r, RERR_SIGNAL);
			break;
		}
		if (io_limit && !rl->exit_sent) {
			/* --timeout: both servers silent that long (they send
			 * keep-alives while busy, knowing the same limit) */
			long left = rl->last_io_ms + io_limit - now_ms();
			if (left <= 0) {
				report_fatal(rl->r, RERR_TIMEOUT,
					     "io timeout after %d seconds -- exiting",
					     rl->o->io_timeout);
				rl->timed_out = 1;
				break;
			}
			timeout = (int)left;
		}
		if (rl->o->stop_at_utime && !rl->exit_sent) {
			/* --stop-after, --stop-at: rsync's client stops as on
			 * a timeout, telling the servers nothing */
			long left = (long)(rl->o->stop_at_utime - (int64_t)time(NULL)) * 1000L;
			if (left <= 0) {
				report_fatal_line(rl->r, RERR_TIMEOUT, "stopping at requested limit");
				rl->timed_out = 1;
				break;
			}
			if (timeout < 0 || left < timeout)
				timeout = (int)(left < 60000 ? left : 60000);
		}

		for (int i = 0; i < 2; i++) {
			struct side *sd = sides[i];
			if (!sd->in.eof && buf_room(&sd->in.raw))
				pf[n++] = (struct pollfd){ .fd = sd->child->from_fd, .events = POLLIN };
			if (out_pending(sd))
				pf[n++] = (struct pollfd){ .fd = sd->child->to_fd, .events = POLLOUT };
		}
		if (ff_can_take(rl))
			pf[n++] = (struct pollfd){ .fd = rl->ff.fd, .events = POLLIN };
		shells_at = n;
		if (rl->r->shells)
			n += stderr_label_pollfds(rl->r->shells, pf + n);
		if (rl->exit_sent) {
			/* Servers in an error exit get a bounded time to finish. */
			if (!exit_deadline)
				exit_deadline = now_ms() + EXIT_GRACE_MS;
			timeout = (int)(exit_deadline - now_ms());
			if (timeout <= 0)
				break;
		}
		if (n && poll(pf, (nfds_t)n, timeout) < 0 && errno != EINTR) {
			report_fatal(rl->r, RERR_IPC, "poll failed: %s", strerror(errno));
			return -1;
		}
		for (int i = shells_at; i < n; i++)
			if (pf[i].revents) {
				stderr_label_drain(rl->r->shells, rl->r);
				break;
			}
		for (int i = 0; i < n; i++) {
			/* room again (or an error the next write will tell) */
			if (pf[i].revents & (POLLOUT | POLLERR | POLLHUP))
				for (int j = 0; j < 2; j++)
					if (pf[i].fd == sides[j]->child->to_fd)
						sides[j]->out.blocked = 0;
			if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			for (int j = 0; j < 2; j++)
				if (pf[i].fd == sides[j]->child->from_fd)
					read_side(rl, sides[j]);
		}
		if (move_bytes(rl) < 0)
			break;
		if (rl->exit_sent) {
			/* After an error exit each server only needs our answer,
			 * but a server reads its messages only now and then: an
			 * end of file before it has read ours would be its own
			 * "connection unexpectedly closed", code 12.  (Before
			 * protocol 31 there is no answer to wait for.) */
			for (int j = 0; j < 2; j++)
				if (!out_pending(sides[j]) &&
				    (sides[j]->said_exit || sides[j]->in.eof ||
				     rl->s->protocol < 31))
					close_input(sides[j]);
		}
		/* Raw bytes that can never be consumed once their source ended. */
		for (int j = 0; j < 2; j++)
			if (sides[j]->in.eof && (rl->exit_sent || rl->r->fatal))
				buf_consume(&sides[j]->in.raw, buf_len(&sides[j]->in.raw));
		check_ends(rl);
	}
	if (rl->r->fatal && !rl->exit_sent && !rl->timed_out) {
		/* Our own error or a signal: stop both servers (rsync sends no
		 * error exit after a timeout: the link is thought dead). */
		if (rl->s->protocol >= 31) {
			put_msg_int(&rl->src, MSG_ERROR_EXIT, rl->r->fatal);
			put_msg_int(&rl->dest, MSG_ERROR_EXIT, rl->r->fatal);
			last_flush(&rl->src);
			last_flush(&rl->dest);
		}
	}
	close_input(&rl->src);
	close_input(&rl->dest);
	return rl->r->fatal ? -1 : 0;
}
