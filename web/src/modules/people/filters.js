// The people list's filters as URL query values and as API parameters (GET /people).
import { readListQuery, withPaging } from '../../common/listQuery.js';

export const AGE_BANDS = [
  { value: 'lt35', label: '35岁以下', max_age: 34 },
  { value: '35-44', label: '35—44岁', min_age: 35, max_age: 44 },
  { value: '45-54', label: '45—54岁', min_age: 45, max_age: 54 },
  { value: '55-59', label: '55—59岁', min_age: 55, max_age: 59 },
  { value: 'ge60', label: '60岁及以上', min_age: 60 },
];

export const SORTS = [
  { value: '', label: '默认排序' },
  { value: 'name', label: '姓名 拼音升序' },
  { value: '-name', label: '姓名 拼音降序' },
  { value: '-birth_date', label: '年龄 从小到大' },
  { value: 'birth_date', label: '年龄 从大到小' },
];

export const FILTER_KEYS = ['org', 'status', 'post', 'education', 'ethnicity', 'age', 'q', 'sort'];

// Route query → the filter state the page shows.
export function filtersFromQuery(query) {
  return readListQuery(query, FILTER_KEYS);
}

// Filter state → route query, leaving out empty values and defaults.
export function queryFromFilters(filters) {
  const query = {};
  for (const key of FILTER_KEYS) if (filters[key]) query[key] = filters[key];
  return withPaging(query, filters);
}

// Filter state → GET /people parameters.
export function apiParams(filters) {
  const band = AGE_BANDS.find((b) => b.value === filters.age);
  return {
    org: filters.org,
    status: filters.status,
    post: filters.post,
    education: filters.education,
    ethnicity: filters.ethnicity,
    min_age: band?.min_age,
    max_age: band?.max_age,
    q: filters.q.trim(),
    sort: filters.sort,
    page: filters.page,
    page_size: filters.page_size,
  };
}
