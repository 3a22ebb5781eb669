/**
 * Messaging with the marketing MIS over ActiveMQ Artemis: the embedded broker and its MIS address
 * rules (the same rules shipped for an external broker), the IEC 61968-100 envelope in XML and JSON,
 * the dispatch of MIS requests to the capability that answers each noun (changing requests once per
 * MessageID), the transactional outbox and its relay, and grid changes shared between hub instances.
 * Messaging may use grid; grid and feeds know nothing of it.
 */
package io.gridhub.messaging;
