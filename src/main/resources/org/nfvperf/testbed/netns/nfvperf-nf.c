/*
 * nfvperf-nf: one poll-mode network function of the netns runner's `dpdk` dataplane.
 *
 * A DPDK primary process with two ports, "in" (towards the generator) and "out" (towards the
 * sink), each any vdev the EAL was given (af_packet on a namespace's veth, vhost-user server,
 * virtio-user client). One lcore polls both ports; what it does with a frame is the NF:
 *
 *   l2fwd     in -> out and out -> in, frames untouched (the bridge of the linux dataplane);
 *   l3fwd     IPv4 from in: longest-prefix match over the `route` lines (10 in nfvperf's
 *             configs), TTL decrement with incremental checksum update (RFC 1624), source and
 *             destination MAC rewritten to the route's; no route or TTL <= 1: dropped;
 *   firewall  IPv4 from in: the `rule` lines in order, first match wins, then `policy`;
 *             accepted frames are routed as by l3fwd.
 *
 * Batching (the knobs of the paper's section 5.1): frames are received in bursts of at most
 * --burst and queued per output port; a queue is sent when it holds --burst frames or when its
 * oldest frame has waited --flush-us microseconds (0: at the end of every poll round that queued
 * something). --idle-sleep-us > 0 makes the lcore sleep that long after a poll round that found
 * nothing and has nothing queued, so that several NFs can share one CPU.
 *
 * The process calls rte_pdump_init(), so dpdk-dumpcap (a secondary process started with the
 * same --file-prefix) can capture its ports. It prints "READY" once the ports are started and,
 * on SIGINT/SIGTERM, one line "nfvperf-nf key=value ..." with its counters.
 *
 * Config file (one directive per line, '#' comments):
 *   nf l2fwd|l3fwd|firewall
 *   route A.B.C.D/LEN SRC_MAC DST_MAC
 *   rule accept|drop [src A.B.C.D/LEN] [dst A.B.C.D/LEN] [proto N] [dport N]
 *   policy accept|drop
 *
 * Build: cc -O2 -o nfvperf-nf nfvperf-nf.c $(pkg-config --cflags --libs libdpdk)
 * Run:   nfvperf-nf EAL-ARGS -- --config FILE --in PORTNAME --out PORTNAME [--burst N]
 *                   [--flush-us T] [--idle-sleep-us S] [--tap-in PCAP] [--tap-out PCAP]
 *                   [--tap-udp-port P] [--tap-snaplen N]
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>
#include <time.h>
#include <arpa/inet.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_pdump.h>
#include <rte_udp.h>
#include <rte_tcp.h>

#define MAX_ROUTES 64
#define MAX_RULES 64
#define MAX_BURST 512
#define NB_DESC 1024
#define NB_MBUFS 8191

enum nf_kind { NF_L2FWD, NF_L3FWD, NF_FIREWALL };

struct route {
    uint32_t net, mask; /* host byte order */
    int len;
    struct rte_ether_addr src, dst;
};

struct rule {
    int accept;
    uint32_t src, src_mask, dst, dst_mask;
    int proto;  /* -1: any */
    int dport;  /* -1: any */
};

static volatile sig_atomic_t quit;
static enum nf_kind kind = NF_L2FWD;
static struct route routes[MAX_ROUTES];
static int n_routes;
static struct rule rules[MAX_RULES];
static int n_rules;
static int policy_accept;

static uint64_t rx_count[2], tx_count[2], tx_failed[2], bursts_sent[2];
static uint64_t drop_rule, drop_policy, drop_no_route, drop_ttl, drop_not_ipv4, drop_reverse;

/*
 * Taps of its own: frames of the probe flow (UDP, either port == --tap-udp-port) that the in port
 * receives and the out port transmits, written as nanosecond pcap with CLOCK_REALTIME timestamps
 * (taken once per burst in the ethdev rx/tx callbacks, where pdump hooks too), the clock tcpdump's
 * kernel timestamps use, so these taps line up with the veth taps around the chain.
 */
static void fail(const char *what, const char *detail);

struct tap {
    FILE *file;
    uint64_t frames;
};
static struct tap tap_in, tap_out;
static int tap_udp_port = -1;
static unsigned tap_snaplen = 128;

static int is_probe(const struct rte_mbuf *m) {
    const uint8_t *d = rte_pktmbuf_mtod(m, const uint8_t *);
    if (m->data_len < 14 + 20 + 8 || d[12] != 0x08 || d[13] != 0x00 || d[23] != IPPROTO_UDP) return 0;
    unsigned ihl = (d[14] & 0x0f) * 4;
    if (m->data_len < 14 + ihl + 8) return 0;
    const uint8_t *udp = d + 14 + ihl;
    return tap_udp_port < 0 || ((udp[0] << 8) | udp[1]) == tap_udp_port || ((udp[2] << 8) | udp[3]) == tap_udp_port;
}

static void tap_write(struct tap *t, struct rte_mbuf **pkts, uint16_t n) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    for (uint16_t i = 0; i < n; i++) {
        if (!is_probe(pkts[i])) continue;
        uint32_t caplen = RTE_MIN((uint32_t) pkts[i]->data_len, tap_snaplen);
        uint32_t hdr[4] = {(uint32_t) ts.tv_sec, (uint32_t) ts.tv_nsec, caplen, pkts[i]->pkt_len};
        fwrite(hdr, sizeof hdr, 1, t->file);
        fwrite(rte_pktmbuf_mtod(pkts[i], void *), caplen, 1, t->file);
        t->frames++;
    }
}

static uint16_t tap_rx(uint16_t port, uint16_t queue, struct rte_mbuf **pkts, uint16_t n, uint16_t max, void *user) {
    (void) port; (void) queue; (void) max;
    if (n) tap_write(user, pkts, n);
    return n;
}

static uint16_t tap_tx(uint16_t port, uint16_t queue, struct rte_mbuf **pkts, uint16_t n, void *user) {
    (void) port; (void) queue;
    if (n) tap_write(user, pkts, n);
    return n;
}

static void tap_open(struct tap *t, const char *path) {
    t->file = fopen(path, "wb");
    if (!t->file) fail(path, strerror(errno));
    setvbuf(t->file, NULL, _IOFBF, 1 << 20);
    uint32_t global[6] = {0xa1b23c4d, 0x00040002, 0, 0, tap_snaplen, 1}; /* pcap, ns, v2.4, Ethernet */
    fwrite(global, sizeof global, 1, t->file);
}

static void on_signal(int sig) {
    (void) sig;
    quit = 1;
}

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "nfvperf-nf: %s: %s\n", what, detail);
    exit(2);
}

static void parse_prefix(const char *text, uint32_t *net, uint32_t *mask, int *len, int line) {
    char buf[64];
    snprintf(buf, sizeof buf, "%s", text);
    char *slash = strchr(buf, '/');
    int l = 32;
    if (slash) {
        *slash = 0;
        l = atoi(slash + 1);
    }
    struct in_addr a;
    if (inet_pton(AF_INET, buf, &a) != 1 || l < 0 || l > 32) {
        fprintf(stderr, "nfvperf-nf: config line %d: expected A.B.C.D/LEN, found '%s'\n", line, text);
        exit(2);
    }
    *mask = l == 0 ? 0 : 0xffffffffu << (32 - l);
    *net = ntohl(a.s_addr) & *mask;
    if (len) {
        *len = l;
    }
}

static void parse_mac(const char *text, struct rte_ether_addr *mac, int line) {
    if (rte_ether_unformat_addr(text, mac) != 0) {
        fprintf(stderr, "nfvperf-nf: config line %d: expected a MAC address, found '%s'\n", line, text);
        exit(2);
    }
}

static void read_config(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fail(path, strerror(errno));
    }
    char line[512];
    int no = 0;
    while (fgets(line, sizeof line, f)) {
        no++;
        char *hash = strchr(line, '#');
        if (hash) {
            *hash = 0;
        }
        char *tok[16];
        int n = 0;
        for (char *t = strtok(line, " \t\r\n"); t && n < 16; t = strtok(NULL, " \t\r\n")) {
            tok[n++] = t;
        }
        if (n == 0) {
            continue;
        }
        if (!strcmp(tok[0], "nf") && n == 2) {
            if (!strcmp(tok[1], "l2fwd")) kind = NF_L2FWD;
            else if (!strcmp(tok[1], "l3fwd")) kind = NF_L3FWD;
            else if (!strcmp(tok[1], "firewall")) kind = NF_FIREWALL;
            else { fprintf(stderr, "nfvperf-nf: config line %d: nf must be l2fwd, l3fwd or firewall: %s\n", no, tok[1]); exit(2); }
        } else if (!strcmp(tok[0], "route") && n == 4) {
            if (n_routes == MAX_ROUTES) fail("config", "too many routes");
            struct route *r = &routes[n_routes++];
            parse_prefix(tok[1], &r->net, &r->mask, &r->len, no);
            parse_mac(tok[2], &r->src, no);
            parse_mac(tok[3], &r->dst, no);
        } else if (!strcmp(tok[0], "rule") && n >= 2 && n % 2 == 0) {
            if (n_rules == MAX_RULES) fail("config", "too many rules");
            struct rule *r = &rules[n_rules++];
            memset(r, 0, sizeof *r);
            r->proto = -1;
            r->dport = -1;
            if (!strcmp(tok[1], "accept")) r->accept = 1;
            else if (strcmp(tok[1], "drop")) { fprintf(stderr, "nfvperf-nf: config line %d: rule action must be accept or drop: %s\n", no, tok[1]); exit(2); }
            for (int i = 2; i + 1 < n; i += 2) {
                if (!strcmp(tok[i], "src")) parse_prefix(tok[i + 1], &r->src, &r->src_mask, NULL, no);
                else if (!strcmp(tok[i], "dst")) parse_prefix(tok[i + 1], &r->dst, &r->dst_mask, NULL, no);
                else if (!strcmp(tok[i], "proto")) r->proto = atoi(tok[i + 1]);
                else if (!strcmp(tok[i], "dport")) r->dport = atoi(tok[i + 1]);
                else { fprintf(stderr, "nfvperf-nf: config line %d: rule field must be src, dst, proto or dport: %s\n", no, tok[i]); exit(2); }
            }
        } else if (!strcmp(tok[0], "policy") && n == 2) {
            policy_accept = !strcmp(tok[1], "accept");
        } else {
            fprintf(stderr, "nfvperf-nf: config line %d: expected nf, route, rule or policy: %s\n", no, tok[0]);
            exit(2);
        }
    }
    fclose(f);
}

static uint16_t port_by_name(const char *name) {
    uint16_t id;
    if (rte_eth_dev_get_port_by_name(name, &id) != 0) {
        fail("no such port (give it with --vdev)", name);
    }
    return id;
}

static void start_port(uint16_t port, struct rte_mempool *mp) {
    struct rte_eth_conf conf;
    memset(&conf, 0, sizeof conf);
    uint16_t nb_rxd = NB_DESC, nb_txd = NB_DESC;
    if (rte_eth_dev_configure(port, 1, 1, &conf) < 0
            || rte_eth_dev_adjust_nb_rx_tx_desc(port, &nb_rxd, &nb_txd) < 0
            || rte_eth_rx_queue_setup(port, 0, nb_rxd, rte_eth_dev_socket_id(port), NULL, mp) < 0
            || rte_eth_tx_queue_setup(port, 0, nb_txd, rte_eth_dev_socket_id(port), NULL) < 0
            || rte_eth_dev_start(port) < 0) {
        char name[RTE_ETH_NAME_MAX_LEN];
        rte_eth_dev_get_name_by_port(port, name);
        fail("cannot start port", name);
    }
    rte_eth_promiscuous_enable(port);
}

static void count_unsent(struct rte_mbuf **pkts, uint16_t unsent, void *userdata) {
    uint64_t *failed = userdata;
    *failed += unsent;
    for (uint16_t i = 0; i < unsent; i++) {
        rte_pktmbuf_free(pkts[i]);
    }
}

static const struct route *lookup(uint32_t dst) {
    const struct route *best = NULL;
    for (int i = 0; i < n_routes; i++) {
        if ((dst & routes[i].mask) == routes[i].net && (!best || routes[i].len > best->len)) {
            best = &routes[i];
        }
    }
    return best;
}

static int filter_accepts(const struct rte_ipv4_hdr *ip, uint16_t l4len) {
    uint32_t src = rte_be_to_cpu_32(ip->src_addr), dst = rte_be_to_cpu_32(ip->dst_addr);
    int dport = -1;
    if ((ip->next_proto_id == IPPROTO_UDP || ip->next_proto_id == IPPROTO_TCP) && l4len >= 4) {
        const uint8_t *l4 = (const uint8_t *) ip + rte_ipv4_hdr_len(ip);
        dport = (l4[2] << 8) | l4[3];
    }
    for (int i = 0; i < n_rules; i++) {
        const struct rule *r = &rules[i];
        if ((src & r->src_mask) != r->src || (dst & r->dst_mask) != r->dst) continue;
        if (r->proto >= 0 && r->proto != ip->next_proto_id) continue;
        if (r->dport >= 0 && r->dport != dport) continue;
        if (!r->accept) drop_rule++;
        return r->accept;
    }
    if (!policy_accept) drop_policy++;
    return policy_accept;
}

/* Routes one frame from the in port; returns 0 when it was dropped (and freed). */
static int route_frame(struct rte_mbuf *m) {
    struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
    if (m->data_len < sizeof *eth + sizeof(struct rte_ipv4_hdr) || eth->ether_type != rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4)) {
        drop_not_ipv4++;
        return 0;
    }
    struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *) (eth + 1);
    uint16_t iplen = m->data_len - sizeof *eth;
    if (kind == NF_FIREWALL && !filter_accepts(ip, iplen > rte_ipv4_hdr_len(ip) ? iplen - rte_ipv4_hdr_len(ip) : 0)) {
        return 0;
    }
    const struct route *r = lookup(rte_be_to_cpu_32(ip->dst_addr));
    if (!r) {
        drop_no_route++;
        return 0;
    }
    if (ip->time_to_live <= 1) {
        drop_ttl++;
        return 0;
    }
    ip->time_to_live--;
    uint32_t sum = rte_be_to_cpu_16(ip->hdr_checksum) + 0x0100;
    ip->hdr_checksum = rte_cpu_to_be_16((uint16_t) ((sum & 0xffff) + (sum >> 16)));
    rte_ether_addr_copy(&r->src, &eth->src_addr);
    rte_ether_addr_copy(&r->dst, &eth->dst_addr);
    return 1;
}

int main(int argc, char **argv) {
    int eal = rte_eal_init(argc, argv);
    if (eal < 0) {
        fail("EAL initialisation failed", rte_strerror(rte_errno));
    }
    argc -= eal;
    argv += eal;
    const char *config = NULL, *in_name = NULL, *out_name = NULL;
    unsigned burst = 32, flush_us = 0, idle_sleep_us = 0;
    const char *tap_in_path = NULL, *tap_out_path = NULL;
    static const struct option opts[] = {
        {"config", required_argument, NULL, 'c'}, {"in", required_argument, NULL, 'i'},
        {"out", required_argument, NULL, 'o'}, {"burst", required_argument, NULL, 'b'},
        {"flush-us", required_argument, NULL, 'f'}, {"idle-sleep-us", required_argument, NULL, 's'},
        {"tap-in", required_argument, NULL, 'I'}, {"tap-out", required_argument, NULL, 'O'},
        {"tap-udp-port", required_argument, NULL, 'p'}, {"tap-snaplen", required_argument, NULL, 'n'},
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config = optarg; break;
        case 'i': in_name = optarg; break;
        case 'o': out_name = optarg; break;
        case 'b': burst = (unsigned) atoi(optarg); break;
        case 'f': flush_us = (unsigned) atoi(optarg); break;
        case 's': idle_sleep_us = (unsigned) atoi(optarg); break;
        case 'I': tap_in_path = optarg; break;
        case 'O': tap_out_path = optarg; break;
        case 'p': tap_udp_port = atoi(optarg); break;
        case 'n': tap_snaplen = (unsigned) atoi(optarg); break;
        default: fail("usage", "nfvperf-nf EAL-ARGS -- --config FILE --in PORT --out PORT [--burst N] [--flush-us T] [--idle-sleep-us S]");
        }
    }
    if (!config || !in_name || !out_name) {
        fail("usage", "--config, --in and --out are required");
    }
    if (burst < 1 || burst > MAX_BURST) {
        fprintf(stderr, "nfvperf-nf: --burst must be in [1, %d]: %u\n", MAX_BURST, burst);
        exit(2);
    }
    read_config(config);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    if (rte_pdump_init() != 0) {
        fail("rte_pdump_init failed", rte_strerror(rte_errno));
    }
    struct rte_mempool *mp = rte_pktmbuf_pool_create("nfvperf_nf", NB_MBUFS, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE, rte_socket_id());
    if (!mp) {
        fail("cannot create the mbuf pool (too few hugepages?)", rte_strerror(rte_errno));
    }
    uint16_t port[2] = {port_by_name(in_name), port_by_name(out_name)};
    struct rte_eth_dev_tx_buffer *buf[2];
    for (int p = 0; p < 2; p++) {
        start_port(port[p], mp);
        buf[p] = rte_zmalloc_socket("txbuf", RTE_ETH_TX_BUFFER_SIZE(burst), 0, rte_eth_dev_socket_id(port[p]));
        if (!buf[p]) fail("cannot allocate a tx buffer", "rte_zmalloc_socket");
        rte_eth_tx_buffer_init(buf[p], burst);
        rte_eth_tx_buffer_set_err_callback(buf[p], count_unsent, &tx_failed[p]);
    }
    if (tap_in_path) {
        tap_open(&tap_in, tap_in_path);
        if (!rte_eth_add_rx_callback(port[0], 0, tap_rx, &tap_in)) fail("cannot add the rx tap callback", rte_strerror(rte_errno));
    }
    if (tap_out_path) {
        tap_open(&tap_out, tap_out_path);
        if (!rte_eth_add_tx_callback(port[1], 0, tap_tx, &tap_out)) fail("cannot add the tx tap callback", rte_strerror(rte_errno));
    }
    const uint64_t flush_cycles = rte_get_tsc_hz() * flush_us / 1000000;
    uint64_t oldest[2] = {0, 0};
    printf("READY nf=%s burst=%u flush_us=%u idle_sleep_us=%u routes=%d rules=%d tsc_hz=%" PRIu64 "\n",
           kind == NF_L2FWD ? "l2fwd" : kind == NF_L3FWD ? "l3fwd" : "firewall", burst, flush_us, idle_sleep_us,
           n_routes, n_rules, rte_get_tsc_hz());
    fflush(stdout);

    struct rte_mbuf *pkts[MAX_BURST];
    while (!quit) {
        uint16_t got_total = 0;
        for (int p = 0; p < 2; p++) {
            uint16_t got = rte_eth_rx_burst(port[p], 0, pkts, (uint16_t) burst);
            if (got == 0) continue;
            got_total += got;
            rx_count[p] += got;
            int to = 1 - p;
            for (uint16_t i = 0; i < got; i++) {
                /* l3 NFs forward in -> out only, as the other dataplanes' routers do for the probe flow */
                if (kind != NF_L2FWD && (p == 1 || !route_frame(pkts[i]))) {
                    if (p == 1) drop_reverse++;
                    rte_pktmbuf_free(pkts[i]);
                    continue;
                }
                if (buf[to]->length == 0) oldest[to] = rte_rdtsc();
                if (buf[to]->length + 1 == burst) bursts_sent[to]++;
                tx_count[to] += rte_eth_tx_buffer(port[to], 0, buf[to], pkts[i]);
            }
        }
        int queued = 0;
        for (int p = 0; p < 2; p++) {
            if (buf[p]->length == 0) continue;
            if (flush_cycles == 0 || rte_rdtsc() - oldest[p] >= flush_cycles) {
                tx_count[p] += rte_eth_tx_buffer_flush(port[p], 0, buf[p]);
                bursts_sent[p]++;
            } else {
                queued = 1;
            }
        }
        if (got_total == 0 && !queued && idle_sleep_us > 0) {
            rte_delay_us_sleep(idle_sleep_us);
        }
    }
    for (int p = 0; p < 2; p++) {
        tx_count[p] += rte_eth_tx_buffer_flush(port[p], 0, buf[p]);
    }
    /* the ports' own loss counters (rte_eth_stats): frames the PMD could not take in (imissed: for
       af_packet the kernel ring's drops), failed transmits, and receives without an mbuf */
    uint64_t imissed = 0, oerrors = 0, rx_nombuf = 0;
    for (int p = 0; p < 2; p++) {
        struct rte_eth_stats st;
        if (rte_eth_stats_get(port[p], &st) == 0) {
            imissed += st.imissed;
            oerrors += st.oerrors;
            rx_nombuf += st.rx_nombuf;
        }
    }
    printf("nfvperf-nf rx_in=%" PRIu64 " rx_out=%" PRIu64 " tx_out=%" PRIu64 " tx_in=%" PRIu64 " tx_failed=%" PRIu64
           " bursts_out=%" PRIu64 " drop_rule=%" PRIu64 " drop_policy=%" PRIu64 " drop_no_route=%" PRIu64
           " drop_ttl=%" PRIu64 " drop_not_ipv4=%" PRIu64 " drop_reverse=%" PRIu64 " tap_in=%" PRIu64 " tap_out=%" PRIu64
           " port_imissed=%" PRIu64 " port_oerrors=%" PRIu64 " port_rx_nombuf=%" PRIu64 "\n",
           rx_count[0], rx_count[1], tx_count[1], tx_count[0], tx_failed[0] + tx_failed[1], bursts_sent[1],
           drop_rule, drop_policy, drop_no_route, drop_ttl, drop_not_ipv4, drop_reverse, tap_in.frames, tap_out.frames,
           imissed, oerrors, rx_nombuf);
    if (tap_in.file) fclose(tap_in.file);
    if (tap_out.file) fclose(tap_out.file);
    fflush(stdout);
    for (int p = 0; p < 2; p++) {
        rte_eth_dev_stop(port[p]);
        rte_eth_dev_close(port[p]);
    }
    rte_pdump_uninit();
    rte_eal_cleanup();
    return 0;
}
