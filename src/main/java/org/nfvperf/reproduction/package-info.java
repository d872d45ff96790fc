/**
 * The paper's reproduction: which spec of {@code data/specs/} makes which table, how each tidy
 * table is derived from the sweeps' {@code results.csv}, and the paper's claims checked against
 * {@code data/paper/published.csv}. Sits above {@code experiment} and the runners, below
 * {@code figures} and {@code cli}.
 */
package org.nfvperf.reproduction;
