package io.gridhub.messaging;

import java.util.Optional;

import io.gridhub.messaging.iec61968.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The guard as one database transaction: claim the MessageID in {@link InboundMessageLog}, run the
 * handler (whose own {@code @Transactional} work joins this transaction), store the reply, commit.
 * The handler runs in a savepoint, so a request refused for its content (a FAILED reply) undoes
 * whatever the handler wrote and still records the reply. The JMS message is acknowledged by the
 * route after this commit: a crash in between redelivers it, and the stored reply answers.
 */
@Component
class TransactionalRequestGuard implements ChangingRequestGuard {

    private static final Logger log = LoggerFactory.getLogger(TransactionalRequestGuard.class);

    private final InboundMessageLog messages;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;

    TransactionalRequestGuard(InboundMessageLog messages, PlatformTransactionManager transactions) {
        this.messages = messages;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public String answerOnce(Header request, Attempt attempt) {
        return transaction.execute(tx -> {
            Optional<String> earlier = messages.claim(request.messageId(), request.verb(), request.noun());
            if (earlier.isPresent()) {
                log.info("{} {} message {} was answered before: its stored reply is sent again",
                        request.verb(), request.noun(), request.messageId());
                return earlier.get();
            }
            String reply = savepoint.execute(sp -> attempt.run(sp::setRollbackOnly));
            messages.answered(request.messageId(), reply);
            return reply;
        });
    }
}
