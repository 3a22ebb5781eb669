/**
 * Siting (接入点选址): where a new customer can connect. Supply voltage and mode from the request,
 * a widening nearest-neighbour search for feeders or transformers in true metres, checks along
 * the supply chain, cost, score, dual-supply pairs and fallbacks; answered over REST and as an
 * IEC 61968-100 {@code get ConnectionCandidates} request from the marketing MIS.
 */
package io.gridhub.siting;
