package io.gridhub.cases;

/**
 * A case was cancelled (撤销): its plans are withdrawn and their capacity released, in the same
 * transaction.
 *
 * @param caseNo the case
 * @param reason why
 * @param actor who cancelled it
 */
public record CaseCanceled(String caseNo, String reason, Actor actor) {
}
