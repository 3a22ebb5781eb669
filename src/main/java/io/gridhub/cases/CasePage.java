package io.gridhub.cases;

import java.util.List;

/**
 * One page of cases.
 *
 * @param items the cases on this page
 * @param page page number, from 0
 * @param pageSize cases per page
 * @param total cases matching the filter
 */
public record CasePage(List<CaseSummary> items, int page, int pageSize, long total) {
}
