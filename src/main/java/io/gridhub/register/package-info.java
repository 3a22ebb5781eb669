/**
 * The customer register (客户档案 / 用电户) from the marketing MIS: customers, their usage points and
 * the transformer area (台区) each is billed under, fed by feeds of the kinds {@code mis-customer-jdbc}
 * and {@code mis-customer-file} and by IEC 61968-100 {@code created/changed} messages for the nouns
 * {@code Customer} and {@code UsagePoint}. Stored in schema {@code register}, beside the grid store.
 */
package io.gridhub.register;
