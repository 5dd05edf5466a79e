/** The Content-Type of every JSON body Triggerbench writes itself (answers, Response bodies, API replies). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
