/**
 * Messaging with the marketing MIS over ActiveMQ Artemis: the embedded broker (with a network
 * acceptor and credentials for the MIS), the IEC 61968-100 message envelope, and the dispatch of
 * MIS requests to the capability that answers them.
 */
package io.gridhub.messaging;
