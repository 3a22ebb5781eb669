package io.gridhub.cases;

/**
 * A case moved to another stage (环节流转), published inside the move's transaction so that
 * listeners (supply plans) act in it.
 *
 * @param caseNo the case
 * @param from the stage it left
 * @param to the stage it entered
 * @param actor who moved it
 */
public record CaseStageChanged(String caseNo, Stage from, Stage to, Actor actor) {
}
