/**
 * Supply plans (供电方案): drafted from the siting answer when a case reaches the plan stage,
 * edited in versions, confirmed against the capacity of every asset of their chains, printed as the
 * 供电方案答复单 PDF, and reported to the marketing MIS through the outbox.
 */
package io.gridhub.plans;
