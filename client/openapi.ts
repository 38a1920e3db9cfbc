/**
 * The HTTP API's paths, operations and shapes, generated from its OpenAPI document by
 * openapi-typescript. Do not edit: change the route schemas (src/http/schemas/) and run
 * `npm run gen:client`.
 */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The blocklist */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            blocks: {
                                /** @description made by the bot detector rather than an operator */
                                auto: boolean;
                                /** Format: date-time */
                                expiresAt: string;
                                kind: "ip" | "user" | "fp";
                                reason: string;
                                value: string;
                            }[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Block an address, a user or a client fingerprint for a while */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fingerprint?: string;
                        ip?: string;
                        reason: string;
                        ttlSec: number;
                        userId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description made by the bot detector rather than an operator */
                            auto: boolean;
                            /** Format: date-time */
                            expiresAt: string;
                            kind: "ip" | "user" | "fp";
                            reason: string;
                            value: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        /** Lift a block */
        delete: {
            parameters: {
                query?: {
                    fingerprint?: string;
                    ip?: string;
                    userId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kind: "ip" | "user" | "fp";
                            /** @enum {boolean} */
                            removed: true;
                            value: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages the booking pipeline gave up on */
        get: {
            parameters: {
                query?: {
                    /** @description include resolved dead letters */
                    all?: boolean;
                    limit?: number;
                    /** @description a sale (event) id */
                    saleId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description dead letters waiting */
                            depth: number;
                            items: {
                                attempts: number;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                failedAt: string;
                                headers: {
                                    [key: string]: string;
                                };
                                id: string;
                                key: string | null;
                                kind: "booking" | "claim" | "unknown";
                                offset: string;
                                partition: number;
                                reason: string;
                                replays: number;
                                resolution: "replayed" | "failed" | null;
                                resolvedAt: string | null;
                                saleId: string | null;
                                topic: string;
                                /** @enum {number} */
                                v: 1;
                                /** @description the message value exactly as received, base64 */
                                value: string;
                            }[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dead-letters/{id}/fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a dead letter up */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            failedAt: string;
                            headers: {
                                [key: string]: string;
                            };
                            id: string;
                            key: string | null;
                            kind: "booking" | "claim" | "unknown";
                            offset: string;
                            partition: number;
                            reason: string;
                            replays: number;
                            resolution: "replayed" | "failed" | null;
                            resolvedAt: string | null;
                            saleId: string | null;
                            topic: string;
                            /** @enum {number} */
                            v: 1;
                            /** @description the message value exactly as received, base64 */
                            value: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_INVALID_STATE */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INVALID_STATE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dead-letters/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send dead letters back to their topics */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": null | {
                        limit?: number;
                        /** @description a sale (event) id */
                        saleId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description sent back to their topic */
                            replayed: string[];
                            /** @description poison: replaying can only fail again */
                            skipped: string[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sales, newest first */
        get: {
            parameters: {
                query: {
                    limit: number;
                    status?: "warming" | "open" | "paused" | "closed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                admission: {
                                    accessTtlSec: number;
                                    maxActive: number;
                                    paused: boolean;
                                    ratePerSec: number;
                                    safetyNet?: boolean;
                                };
                                cancelWindowSec: number;
                                capacity: number;
                                challenge: {
                                    difficulty: number;
                                };
                                closesAt?: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description ISO 4217 code, e.g. KRW */
                                currency: string;
                                /** @description digits of the currency's minor unit */
                                currencyDigits: number;
                                holdTtlSec: number;
                                /** @description a sale (event) id */
                                id: string;
                                kind: "coupon" | "seated";
                                maxWaiting?: number | null;
                                name: string;
                                opensAt: string | null;
                                perUserLimit: number;
                                /** @description scheduled (joins refused) → pre_queue (joins pre-queued) → open ⇄ queueing (safety-net mode) → closed; paused between */
                                phase?: "scheduled" | "pre_queue" | "open" | "queueing" | "paused" | "closed";
                                preQueueOpensAt?: string | null;
                                /** @description in the order the operator created them */
                                sections: {
                                    name: string;
                                    /** @description minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won) */
                                    price: number;
                                    rows: number;
                                    seatsPerRow: number;
                                }[];
                                status: "warming" | "open" | "paused" | "closed";
                            }[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a sale */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        admission: {
                            accessTtlSec: number;
                            maxActive: number;
                            ratePerSec: number;
                            /** @description arrivals pass straight through while nobody waits and the sale is under maxActive and ratePerSec; the queue forms only past them */
                            safetyNet?: boolean;
                        };
                        /** @description seconds after confirmation during which buyers may cancel; 0 (default): not cancellable */
                        cancelWindowSec?: number;
                        challenge?: {
                            difficulty: number;
                        };
                        /**
                         * Format: date-time
                         * @description in the future and after opensAt: the sale closes by itself then
                         */
                        closesAt?: string;
                        /** @description ISO 4217, e.g. KRW */
                        currency?: string;
                        holdTtlSec?: number;
                        kind: "coupon" | "seated";
                        maxWaiting?: number;
                        name: string;
                        /** Format: date-time */
                        opensAt?: string;
                        perUserLimit: number;
                        /**
                         * Format: date-time
                         * @description before opensAt (which it needs): joins before it are refused, FC_QUEUE_NOT_OPEN
                         */
                        preQueueOpensAt?: string;
                        quantity?: number;
                        seats?: {
                            sections: {
                                name: string;
                                /** @description minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won) */
                                price: number;
                                rows: number;
                                seatsPerRow: number;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            admission: {
                                accessTtlSec: number;
                                maxActive: number;
                                paused: boolean;
                                ratePerSec: number;
                                safetyNet?: boolean;
                            };
                            cancelWindowSec: number;
                            capacity: number;
                            challenge: {
                                difficulty: number;
                            };
                            closesAt?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description ISO 4217 code, e.g. KRW */
                            currency: string;
                            /** @description digits of the currency's minor unit */
                            currencyDigits: number;
                            holdTtlSec: number;
                            /** @description a sale (event) id */
                            id: string;
                            kind: "coupon" | "seated";
                            maxWaiting?: number | null;
                            name: string;
                            opensAt: string | null;
                            perUserLimit: number;
                            /** @description scheduled (joins refused) → pre_queue (joins pre-queued) → open ⇄ queueing (safety-net mode) → closed; paused between */
                            phase?: "scheduled" | "pre_queue" | "open" | "queueing" | "paused" | "closed";
                            preQueueOpensAt?: string | null;
                            /** @description in the order the operator created them */
                            sections: {
                                name: string;
                                /** @description minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won) */
                                price: number;
                                rows: number;
                                seatsPerRow: number;
                            }[];
                            status: "warming" | "open" | "paused" | "closed";
                        };
                    };
                };
                /** @description Error: FC_VALIDATION, FC_UNKNOWN_CURRENCY */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_VALIDATION" | "FC_UNKNOWN_CURRENCY";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a running sale: limit, hold time, prices, quantity, seats (audited) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description seated sales: rows added behind a section's last row (its seats per row and price) */
                        addRows?: {
                            rows: number;
                            section: string;
                        }[];
                        /** @description seated sales: new sections */
                        addSections?: {
                            name: string;
                            /** @description minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won) */
                            price: number;
                            rows: number;
                            seatsPerRow: number;
                        }[];
                        /** @description moves the planned close (in the future, after opensAt); null removes it */
                        closesAt?: string | null;
                        /** @description applies to holds taken from now on */
                        holdTtlSec?: number;
                        /** @description never below what a buyer already holds, has pending or owns (FC_LIMIT_BELOW_OWNED) */
                        perUserLimit?: number;
                        /** @description seated sales: a section's new price, for every seat of it not yet booked */
                        prices?: {
                            /** @description minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won) */
                            price: number;
                            section: string;
                        }[];
                        /** @description coupon sales: units for sale, never below held + pending + sold (FC_CAPACITY_BELOW_TAKEN) */
                        quantity?: number;
                        /** @description seated sales: a free seat goes now, a held or pending one when its hold ends, a sold one is refused */
                        withdrawSeats?: string[];
                        /** @description seated sales: every seat of the section still in the sale, as withdrawSeats */
                        withdrawSections?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            audit: {
                                action: "edit" | "admission" | "status";
                                /** @description the admin token's subject */
                                actor: string;
                                /** @description the changed fields as they are */
                                after: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                at: string;
                                /** @description the changed fields as they were */
                                before: {
                                    [key: string]: unknown;
                                };
                                /** @description increasing with time; page with ?before= */
                                id: string;
                                /** @description a sale (event) id */
                                saleId: string;
                            };
                            sale: {
                                admission: {
                                    accessTtlSec: number;
                                    maxActive: number;
                                    paused: boolean;
                                    ratePerSec: number;
                                    safetyNet?: boolean;
                                };
                                cancelWindowSec: number;
                                capacity: number;
                                challenge: {
                                    difficulty: number;
                                };
                                closesAt?: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description ISO 4217 code, e.g. KRW */
                                currency: string;
                                /** @description digits of the currency's minor unit */
                                currencyDigits: number;
                                holdTtlSec: number;
                                /** @description a sale (event) id */
                                id: string;
                                kind: "coupon" | "seated";
                                maxWaiting?: number | null;
                                name: string;
                                opensAt: string | null;
                                perUserLimit: number;
                                /** @description scheduled (joins refused) → pre_queue (joins pre-queued) → open ⇄ queueing (safety-net mode) → closed; paused between */
                                phase?: "scheduled" | "pre_queue" | "open" | "queueing" | "paused" | "closed";
                                preQueueOpensAt?: string | null;
                                /** @description in the order the operator created them */
                                sections: {
                                    name: string;
                                    /** @description minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won) */
                                    price: number;
                                    rows: number;
                                    seatsPerRow: number;
                                }[];
                                status: "warming" | "open" | "paused" | "closed";
                            };
                            withdrawn: {
                                /** @description withdrawn seats held or pending: gone when their hold ends */
                                later: number;
                                /** @description withdrawn seats that were free: gone */
                                now: number;
                            };
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_SALE_NOT_EDITABLE, FC_LIMIT_BELOW_OWNED, FC_CAPACITY_BELOW_TAKEN, FC_SEAT_SOLD, FC_INVALID_STATE */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_SALE_NOT_EDITABLE" | "FC_LIMIT_BELOW_OWNED" | "FC_CAPACITY_BELOW_TAKEN" | "FC_SEAT_SOLD" | "FC_INVALID_STATE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/admin/events/{id}/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sale's access rules */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            current: "open" | "allowlist" | "codes";
                            mode: "open" | "allowlist" | "codes";
                            phases: {
                                access: "open" | "allowlist" | "codes";
                                endsAt: string | null;
                                name: string;
                                /** Format: date-time */
                                startsAt: string;
                                units: number | null;
                            }[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        /**
         * Set a sale's access mode, or its phases
         * @description Phases `[{name, access, startsAt, endsAt?, units?}]` in order; only the first may set `units`: it sells at most that many until the next phase starts, when what it left rolls into the next.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mode: "open" | "allowlist" | "codes";
                        phases?: {
                            access: "open" | "allowlist" | "codes";
                            endsAt?: string | null;
                            name: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** @description first phase only: the most it sells; the rest (and what it leaves) opens with the next */
                            units?: number | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            current: "open" | "allowlist" | "codes";
                            mode: "open" | "allowlist" | "codes";
                            phases: {
                                access: "open" | "allowlist" | "codes";
                                endsAt: string | null;
                                name: string;
                                /** Format: date-time */
                                startsAt: string;
                                units: number | null;
                            }[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events/{id}/access/allowlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add user ids and e-mail addresses (or their SHA-256) to the allowlist */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        emailHashes?: string[];
                        emails?: string[];
                        userIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: number;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events/{id}/access/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Code batches and their usage */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            batches: {
                                batchId: string;
                                codes: number;
                                /** Format: date-time */
                                createdAt: string;
                                endsAt: string | null;
                                kind: "presale" | "vip";
                                maxUses: number;
                                perUserLimit: number | null;
                                startsAt: string | null;
                                /** @description codes with no use left */
                                usedUp: number;
                                uses: number;
                            }[];
                            /** @description uses over all codes */
                            redeemed: number;
                            total: number;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Generate presale or VIP codes (answered in plain text this once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        count: number;
                        /** Format: date-time */
                        endsAt?: string;
                        kind?: "presale" | "vip";
                        /** @description 1: single use */
                        maxUses?: number;
                        perUserLimit?: number;
                        /** Format: date-time */
                        startsAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            batchId: string;
                            /** @description the codes in plain text: shown this once, stored hashed */
                            codes: string[];
                            endsAt: string | null;
                            kind: "presale" | "vip";
                            maxUses: number;
                            perUserLimit: number | null;
                            startsAt: string | null;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events/{id}/admission": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a sale's admission at runtime */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessTtlSec?: number;
                        maxActive?: number;
                        paused?: boolean;
                        ratePerSec?: number;
                        safetyNet?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            admission: {
                                accessTtlSec: number;
                                maxActive: number;
                                paused: boolean;
                                ratePerSec: number;
                                safetyNet?: boolean;
                            };
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_SALE_NOT_EDITABLE */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_SALE_NOT_EDITABLE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/admin/events/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sale's audit log, newest first */
        get: {
            parameters: {
                query: {
                    /** @description an entry id: the entries before it */
                    before?: string;
                    limit: number;
                };
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                action: "edit" | "admission" | "status";
                                /** @description the admin token's subject */
                                actor: string;
                                /** @description the changed fields as they are */
                                after: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                at: string;
                                /** @description the changed fields as they were */
                                before: {
                                    [key: string]: unknown;
                                };
                                /** @description increasing with time; page with ?before= */
                                id: string;
                                /** @description a sale (event) id */
                                saleId: string;
                            }[];
                            next: string | null;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events/{id}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description seconds after confirmation during which buyers may cancel; 0: not cancellable */
                        cancelWindowSec: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cancelWindowSec: number;
                            /** @description a sale (event) id */
                            id: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/admin/events/{id}/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Compare Redis with PostgreSQL, repair, report */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            busy: boolean;
                            /** Format: date-time */
                            checkedAt: string;
                            drift: {
                                /** @description units, seats and users: how many entries differ */
                                count?: number;
                                database: unknown;
                                /** @description warm, capacity, available, held, pending, sold, units, seats or users */
                                field: string;
                                redis: unknown;
                            }[];
                            /** @description drift left unrepaired while this many ledger entries wait as dead letters */
                            ledgerDeadLetters?: number;
                            repaired: boolean;
                            /** @description a sale (event) id */
                            saleId: string;
                            /** @description pending units settled as failed (booking ids) */
                            stale: string[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capacity: number;
                            /** Format: date-time */
                            createdAt: string;
                            currency: string;
                            deadLetters: {
                                failed: number;
                                items: {
                                    attempts: number;
                                    /** Format: date-time */
                                    createdAt: string;
                                    id: string;
                                    kind: string;
                                    reason: string;
                                    replays: number;
                                    resolution: string | null;
                                    resolvedAt: string | null;
                                    topic: string;
                                }[];
                                replayed: number;
                                total: number;
                                unresolved: number;
                            };
                            edits: {
                                /** @description operators' edits while the sale ran (its audit log), newest first */
                                items: {
                                    action: string;
                                    actor: string;
                                    after: {
                                        [key: string]: unknown;
                                    };
                                    at: string;
                                    before: {
                                        [key: string]: unknown;
                                    };
                                    id: string;
                                }[];
                                total: number;
                            };
                            fairness: {
                                admittedRegressions: number;
                                frontierRegressions: number;
                                seed: string | null;
                                seedHash: string | null;
                            };
                            funnel: {
                                abandoned: number;
                                admitted: number;
                                expired: number;
                                failed: number;
                                held: number;
                                holders: number;
                                inFlight: number;
                                joined: number;
                                left: number;
                                paid: number;
                                queueSource: "waiting-room" | "timeline" | "none";
                                refunds: number;
                                released: number;
                                waiting: number;
                            };
                            /** Format: date-time */
                            generatedAt: string;
                            kind: "coupon" | "seated";
                            name: string;
                            opensAt: string | null;
                            reconcile: {
                                driftFound: number;
                                repaired: number;
                                reports: {
                                    busy: boolean;
                                    /** Format: date-time */
                                    checkedAt: string;
                                    drift: {
                                        count?: number;
                                        database: unknown;
                                        field: string;
                                        redis: unknown;
                                    }[];
                                    ledgerDeadLetters?: number;
                                    repaired: boolean;
                                    /** @description a sale (event) id */
                                    saleId: string;
                                    stale: number;
                                }[];
                                staleSettled: number;
                                unrepaired: number;
                            };
                            /** @description a sale (event) id */
                            saleId: string;
                            status: "warming" | "open" | "paused" | "closed";
                            timeline: {
                                abandoned: number;
                                active: number;
                                admittedTotal: number;
                                /** @description the second sampled, epoch seconds */
                                at: number;
                                confirmed: number;
                                consumerLag: number;
                                free: number;
                                frontier: number;
                                held: number;
                                left: number;
                                pending: number;
                                sold: number;
                                waiting: number;
                            }[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live counts of a sale */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            consumerLag: number;
                            /** @description ISO 4217 code, e.g. KRW */
                            currency?: string;
                            /** @description digits of the currency's minor unit */
                            currencyDigits?: number;
                            /** @description dead letters waiting for the operator */
                            dlq: number;
                            ledgerBacklog?: number;
                            /** @description ledger entries PostgreSQL refused (`/v1/admin/ledger-dead-letters`) */
                            ledgerDeadLetters?: number;
                            /** @description scheduled (joins refused) → pre_queue (joins pre-queued) → open ⇄ queueing (safety-net mode) → closed; paused between */
                            phase?: "scheduled" | "pre_queue" | "open" | "queueing" | "paused" | "closed";
                            queue: {
                                abandoned?: number;
                                active: number;
                                admitted: number;
                                closed?: boolean;
                                finished?: number;
                                frontier?: number;
                                left?: number;
                                /** @description safety-net mode: arrivals let straight through, without a wait */
                                passedThrough?: number;
                                waiting: number;
                            } & {
                                [key: string]: unknown;
                            };
                            refunds?: {
                                due: number;
                                nothingCharged: number;
                                refunded: number;
                            };
                            /** @description what the sold seats are worth, minor units */
                            revenue?: number;
                            /** @description [] for a coupon sale */
                            sections?: {
                                available: number;
                                capacity: number;
                                held: number;
                                name: string;
                                pending: number;
                                /** @description minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won) */
                                price: number;
                                sold: number;
                            }[];
                            stock: {
                                available: number;
                                capacity: number;
                                confirmed: number;
                                held: number;
                                pending: number;
                            };
                            warm?: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Open, pause or close a sale */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        status: "open" | "paused" | "closed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a sale (event) id */
                            id: string;
                            status: "open" | "paused" | "closed";
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_SALE_NOT_EDITABLE */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_SALE_NOT_EDITABLE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/admin/events/{id}/warm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Load a sale's stock into Redis again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a sale (event) id */
                            id: string;
                            status: "warming" | "open" | "paused" | "closed";
                            /** @enum {boolean} */
                            warm: true;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_SALE_LIVE */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_SALE_LIVE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/ledger-dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stock-ledger entries PostgreSQL refused */
        get: {
            parameters: {
                query?: {
                    /** @description include replayed and dismissed entries */
                    all?: boolean;
                    limit?: number;
                    /** @description a sale (event) id */
                    saleId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            depth: number;
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                entry: {
                                    at: number;
                                    delta: number;
                                    expiresAt: number | null;
                                    kind: string;
                                    reservationId: string | null;
                                    /** @description a sale (event) id */
                                    saleId: string;
                                    seatId: string | null;
                                    sourceId: string;
                                    state: string;
                                    unitId: string;
                                    userId: string;
                                };
                                id: string;
                                /** @description why PostgreSQL refused it */
                                reason: string;
                                resolution: "replayed" | "dismissed" | null;
                                resolvedAt: string | null;
                                /** @description a sale (event) id */
                                saleId: string;
                                sourceId: string;
                            }[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/ledger-dead-letters/{id}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a ledger entry up */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            entry: {
                                at: number;
                                delta: number;
                                expiresAt: number | null;
                                kind: string;
                                reservationId: string | null;
                                /** @description a sale (event) id */
                                saleId: string;
                                seatId: string | null;
                                sourceId: string;
                                state: string;
                                unitId: string;
                                userId: string;
                            };
                            id: string;
                            /** @description why PostgreSQL refused it */
                            reason: string;
                            resolution: "replayed" | "dismissed" | null;
                            resolvedAt: string | null;
                            /** @description a sale (event) id */
                            saleId: string;
                            sourceId: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_INVALID_STATE */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INVALID_STATE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/ledger-dead-letters/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply a ledger entry again, after repairing what stood in its way */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            entry: {
                                at: number;
                                delta: number;
                                expiresAt: number | null;
                                kind: string;
                                reservationId: string | null;
                                /** @description a sale (event) id */
                                saleId: string;
                                seatId: string | null;
                                sourceId: string;
                                state: string;
                                unitId: string;
                                userId: string;
                            };
                            id: string;
                            /** @description why PostgreSQL refused it */
                            reason: string;
                            resolution: "replayed" | "dismissed" | null;
                            resolvedAt: string | null;
                            /** @description a sale (event) id */
                            saleId: string;
                            sourceId: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_INVALID_STATE */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INVALID_STATE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This process's Prometheus metrics */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Prometheus text exposition format */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/rate-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rate-limit policies: defaults, overrides, in effect */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaults: {
                                autoBlock: {
                                    blockSec: number;
                                    distinctWindowSec: number;
                                    fingerprintDistinctUsers: number;
                                    ipDistinctUsers: number;
                                    userPerSec: number;
                                };
                                policies: {
                                    [key: string]: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                    };
                                };
                            };
                            effective: {
                                autoBlock: {
                                    blockSec: number;
                                    distinctWindowSec: number;
                                    fingerprintDistinctUsers: number;
                                    ipDistinctUsers: number;
                                    userPerSec: number;
                                };
                                policies: {
                                    [key: string]: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                    };
                                };
                            };
                            /** @description whether per-address limits apply (FC_IP_LIMITS) */
                            ipLimits: boolean;
                            overrides: {
                                autoBlock?: {
                                    blockSec?: number;
                                    distinctWindowSec?: number;
                                    fingerprintDistinctUsers?: number;
                                    ipDistinctUsers?: number;
                                    userPerSec?: number;
                                };
                                policies?: {
                                    admin?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    challenge?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    claim?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    default?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    "dev-token"?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    failures?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    hold?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    "hold-change"?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    "queue-join"?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    "queue-read"?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    read?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    "seat-map"?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                };
                            };
                            /** @description "METHOD /path" -> policy name */
                            routes: {
                                [key: string]: string;
                            };
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        /** Replace the rate-limit overrides (`{}`: back to the defaults) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        autoBlock?: {
                            blockSec?: number;
                            distinctWindowSec?: number;
                            fingerprintDistinctUsers?: number;
                            ipDistinctUsers?: number;
                            userPerSec?: number;
                        };
                        policies?: {
                            admin?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                            challenge?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                            claim?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                            default?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                            "dev-token"?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                            failures?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                            hold?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                            "hold-change"?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                            "queue-join"?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                            "queue-read"?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                            read?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                            "seat-map"?: {
                                event?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                ip?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                                user?: {
                                    burst: number;
                                    perSec: number;
                                    windowLimit: number;
                                    windowSec: number;
                                } | null;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaults: {
                                autoBlock: {
                                    blockSec: number;
                                    distinctWindowSec: number;
                                    fingerprintDistinctUsers: number;
                                    ipDistinctUsers: number;
                                    userPerSec: number;
                                };
                                policies: {
                                    [key: string]: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                    };
                                };
                            };
                            effective: {
                                autoBlock: {
                                    blockSec: number;
                                    distinctWindowSec: number;
                                    fingerprintDistinctUsers: number;
                                    ipDistinctUsers: number;
                                    userPerSec: number;
                                };
                                policies: {
                                    [key: string]: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        };
                                    };
                                };
                            };
                            /** @description whether per-address limits apply (FC_IP_LIMITS) */
                            ipLimits: boolean;
                            overrides: {
                                autoBlock?: {
                                    blockSec?: number;
                                    distinctWindowSec?: number;
                                    fingerprintDistinctUsers?: number;
                                    ipDistinctUsers?: number;
                                    userPerSec?: number;
                                };
                                policies?: {
                                    admin?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    challenge?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    claim?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    default?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    "dev-token"?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    failures?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    hold?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    "hold-change"?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    "queue-join"?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    "queue-read"?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    read?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                    "seat-map"?: {
                                        event?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        ip?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                        user?: {
                                            burst: number;
                                            perSec: number;
                                            windowLimit: number;
                                            windowSec: number;
                                        } | null;
                                    };
                                };
                            };
                            /** @description "METHOD /path" -> policy name */
                            routes: {
                                [key: string]: string;
                            };
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                disabled: boolean;
                                events: ("reservation.confirmed" | "reservation.failed" | "reservation.cancelled" | "claim.issued" | "claim.failed" | "refund.completed" | "sale.sold_out" | "sale.phase_changed")[];
                                /** @description a webhook endpoint id */
                                id: string;
                                url: string;
                            }[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        events: ("reservation.confirmed" | "reservation.failed" | "reservation.cancelled" | "claim.issued" | "claim.failed" | "refund.completed" | "sale.sold_out" | "sale.phase_changed")[];
                        /** @description whsec_ and base64 of 24-64 bytes; generated when absent */
                        secret?: string;
                        /** @description https:// or http:// */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a webhook endpoint id */
                            id: string;
                            /** @description the signing secret, shown this once */
                            secret: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_WEBHOOK_TARGET_REFUSED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_WEBHOOK_TARGET_REFUSED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 422;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a webhook endpoint id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description a webhook endpoint id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                /** Format: date-time */
                                createdAt: string;
                                deliveredAt: string | null;
                                /** @description a webhook endpoint id */
                                endpointId: string;
                                eventId: string;
                                eventType: string;
                                /** @description a delivery id (the webhook-id header) */
                                id: string;
                                lastError: string | null;
                                lastStatusCode: number | null;
                                /** Format: date-time */
                                nextAttemptAt: string;
                                status: "pending" | "delivered" | "failed";
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a delivery id (the webhook-id header) */
                    deliveryId: string;
                    /** @description a webhook endpoint id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            deliveredAt: string | null;
                            /** @description a webhook endpoint id */
                            endpointId: string;
                            eventId: string;
                            eventType: string;
                            /** @description a delivery id (the webhook-id header) */
                            id: string;
                            lastError: string | null;
                            lastStatusCode: number | null;
                            /** Format: date-time */
                            nextAttemptAt: string;
                            status: "pending" | "delivered" | "failed";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/claims/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A coupon claim of mine */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description reservations: what it costs, minor units of `currency` */
                            amount?: number;
                            /** @description `amount` written for the reader's Accept-Language (ko: "₩60,000", en: "$19.99") */
                            amountText?: string;
                            couponCode?: string;
                            /** Format: date-time */
                            createdAt?: string;
                            /** @description ISO 4217 code, e.g. KRW */
                            currency?: string;
                            /** @description the reservation or claim id */
                            id: string;
                            reason?: string;
                            refund?: "due" | "refunded" | "nothing_charged";
                            /** @description a sale (event) id */
                            saleId: string;
                            /** @description a reservation's first seat */
                            seatId?: string;
                            /** @description every seat of a reservation, `seatId` first */
                            seatIds?: string[];
                            status: "pending" | "confirmed" | "failed" | "expired" | "cancelled";
                            type: "reservation" | "claim";
                            /** Format: date-time */
                            updatedAt?: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED, FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_BLOCKED" | "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/claims/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": null | Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            cancelledAt: string;
                            claimId: string;
                            /** @enum {string} */
                            status: "cancelled";
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_NOT_CANCELLABLE, FC_CANCEL_WINDOW_CLOSED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_NOT_CANCELLABLE" | "FC_CANCEL_WINDOW_CLOSED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dev/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mint a bearer token (development only: FC_DEV_AUTH=1) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role?: "admin" | "buyer";
                        userId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description an HS256 bearer token */
                            token: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public info and remaining stock of a sale */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cancelWindowSec: number;
                            capacity: number;
                            challenge: {
                                difficulty: number;
                            };
                            closesAt?: string | null;
                            /** @description ISO 4217 code, e.g. KRW */
                            currency: string;
                            /** @description digits of the currency's minor unit */
                            currencyDigits: number;
                            holdTtlSec: number;
                            /** @description a sale (event) id */
                            id: string;
                            kind: "coupon" | "seated";
                            name: string;
                            opensAt: string | null;
                            perUserLimit: number;
                            /** @description scheduled (joins refused) → pre_queue (joins pre-queued) → open ⇄ queueing (safety-net mode) → closed; paused between */
                            phase?: "scheduled" | "pre_queue" | "open" | "queueing" | "paused" | "closed";
                            preQueueOpensAt?: string | null;
                            remaining: number;
                            /** @description in the order the operator created them (the layout order) */
                            sections: {
                                name: string;
                                /** @description minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won) */
                                price: number;
                                rows: number;
                                seatsPerRow: number;
                            }[];
                            /** @description true where a confirm may carry `payment.simulate` (development and test profiles) */
                            simulatedPayments?: boolean;
                            status: "warming" | "open" | "paused" | "closed";
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What this sale asks of a buyer to join (a presale code?) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mode: "open" | "allowlist" | "codes";
                            needsCode: boolean;
                            phase: string | null;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Redeem a presale or VIP code
         * @description Binds the code to the caller (one code per buyer per sale). A VIP code admits at once: the answer carries the access token. Unknown codes count toward a guess limit (FC_CODE_RATE_LIMITED).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description a presale or VIP code, e.g. 7KQ2-MX4P-9BZT */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description VIP codes: admitted now, send it as X-Access-Token */
                            accessToken?: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            kind: "presale" | "vip";
                            perUserLimit: number | null;
                            status: "redeemed" | "already";
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED, FC_CODE_INVALID */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_BLOCKED" | "FC_CODE_INVALID";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_CODE_USED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_CODE_USED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED, FC_CODE_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_RATE_LIMITED" | "FC_CODE_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a proof-of-work challenge
         * @description Solve it before joining the queue of a sale whose difficulty is above 0.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": null | Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            challengeId: string;
                            difficulty: number;
                            /** Format: date-time */
                            expiresAt: string;
                            salt: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim a coupon
         * @description Accepted (202): the outcome arrives on `GET /v1/me/stream` and at `GET /v1/claims/:id`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                    "x-access-token"?: string;
                };
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": null | Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: string;
                            /** @enum {string} */
                            status: "pending";
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED, FC_NOT_ADMITTED, FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_BLOCKED" | "FC_NOT_ADMITTED" | "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_NOT_OPEN, FC_SALE_CLOSED, FC_INVALID_STATE, FC_SOLD_OUT, FC_LIMIT_REACHED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_NOT_OPEN" | "FC_SALE_CLOSED" | "FC_INVALID_STATE" | "FC_SOLD_OUT" | "FC_LIMIT_REACHED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_IDEMPOTENCY_MISMATCH */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_IDEMPOTENCY_MISMATCH";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 422;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hold seats
         * @description One seat (`seatId`), named seats (`seatIds`) or the best `quantity` of a `section`, all or nothing. Needs `Idempotency-Key` and the admission `X-Access-Token`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                    "x-access-token"?: string;
                };
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description section-row-number */
                        seatId: string;
                    } | {
                        seatIds: string[];
                    } | {
                        adjacent?: boolean;
                        quantity: number;
                        section: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the sum of the seats' prices, minor units: what confirm charges */
                            amount: number;
                            /** @description ISO 4217 code, e.g. KRW */
                            currency: string;
                            /** Format: date-time */
                            expiresAt: string;
                            holdId: string;
                            /** @description the hold's first seat (the one seat of a `{seatId}` hold) */
                            seatId: string;
                            /** @description every seat of the hold, `seatId` first */
                            seatIds: string[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED, FC_NOT_ADMITTED, FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_BLOCKED" | "FC_NOT_ADMITTED" | "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_NOT_OPEN, FC_SALE_CLOSED, FC_INVALID_STATE, FC_SEAT_TAKEN, FC_SOLD_OUT, FC_LIMIT_REACHED, FC_NO_SEATS_TOGETHER */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_NOT_OPEN" | "FC_SALE_CLOSED" | "FC_INVALID_STATE" | "FC_SEAT_TAKEN" | "FC_SOLD_OUT" | "FC_LIMIT_REACHED" | "FC_NO_SEATS_TOGETHER";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_IDEMPOTENCY_MISMATCH */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_IDEMPOTENCY_MISMATCH";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 422;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My place in the queue */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description once admitted: send it as X-Access-Token */
                            accessToken?: string;
                            etaSec: number | null;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** @description buyers ahead plus one (0 once admitted); null while pre-queued before the sale opens */
                            position: number | null;
                            /** @description the sale has not opened: the place is in the pre-queue */
                            preQueue?: boolean;
                            /** @description a fresh queue token (they expire) */
                            queueToken?: string;
                            state: "waiting" | "admitted" | "expired" | "closed";
                            ticket: number | null;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Join the queue
         * @description Carries the solved challenge when the sale asks for proof-of-work. Joining again is harmless.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": null | {
                        challenge?: {
                            challengeId: string;
                            nonce: string;
                        };
                        /** @description a presale or VIP code, e.g. 7KQ2-MX4P-9BZT */
                        code?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description once admitted: send it as X-Access-Token */
                            accessToken?: string;
                            etaSec: number | null;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** @description buyers ahead plus one (0 once admitted); null while pre-queued before the sale opens */
                            position: number | null;
                            /** @description the sale has not opened: the place is in the pre-queue */
                            preQueue?: boolean;
                            queueToken: string;
                            state: "waiting" | "admitted" | "expired" | "closed";
                            ticket: number | null;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED, FC_CHALLENGE_INVALID, FC_ACCESS_DENIED, FC_CODE_INVALID */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_BLOCKED" | "FC_CHALLENGE_INVALID" | "FC_ACCESS_DENIED" | "FC_CODE_INVALID";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_QUEUE_NOT_OPEN, FC_QUEUE_FULL, FC_CODE_USED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_QUEUE_NOT_OPEN" | "FC_QUEUE_FULL" | "FC_CODE_USED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED, FC_CODE_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_RATE_LIMITED" | "FC_CODE_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        /** Leave the queue, or end my admission */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description once admitted: send it as X-Access-Token */
                            accessToken?: string;
                            etaSec: number | null;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** @description buyers ahead plus one (0 once admitted); null while pre-queued before the sale opens */
                            position: number | null;
                            /** @description the sale has not opened: the place is in the pre-queue */
                            preQueue?: boolean;
                            /** @description a fresh queue token (they expire) */
                            queueToken?: string;
                            state: "waiting" | "admitted" | "expired" | "closed";
                            ticket: number | null;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/queue/fairness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The commitment to the pre-queue's order */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            algorithm: string;
                            opensAt: string | null;
                            sealed: boolean;
                            /** @description revealed once the sale has opened */
                            seed: string | null;
                            seedHash: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/queue/fairness/commitment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The commitment to the pre-queue's entrants and seed
         * @description The seed hash from before opening; the Merkle root of the entrant list from the sealing at opening; the seed only once that root is published.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the Merkle root over the entrant list, null until the pre-queue is sealed */
                            entrants: {
                                /** Format: date-time */
                                committedAt: string;
                                count: number;
                                root: string;
                            } | null;
                            /** @description the definitions, in words (docs/queue.md has them in full) */
                            scheme: {
                                leaf: string;
                                node: string;
                                rank: string;
                                seedHash: string;
                            };
                            /** @description revealed once the entrant list is committed (at opening), never before */
                            seed: string | null;
                            seedHash: string;
                            /** Format: date-time */
                            seedHashPublishedAt: string;
                            seedRevealedAt: string | null;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/queue/fairness/entrants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The pre-queue's committed entrant list, a page at a time
         * @description In leaf order (ascending entrant id), with each entrant’s drawn rank. 404 until committed.
         */
        get: {
            parameters: {
                query: {
                    limit: number;
                    offset: number;
                };
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description entrants in the whole list */
                            count: number;
                            entrants: {
                                entrantId: string;
                                /** @description the leaf index (ascending entrant id order) */
                                index: number;
                                leaf: string;
                                /** @description the ticket drawn */
                                rank: number | null;
                            }[];
                            offset: number;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/queue/fairness/proof": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My inclusion proof and drawn rank in the pre-queue
         * @description 404 until the entrant list is committed, or when the caller was not pre-queued.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            committedAt: string;
                            count: number;
                            entrantId: string;
                            index: number;
                            leaf: string;
                            /** @description sibling nodes from the leaf up; promoted levels add none */
                            path: string[];
                            /** @description the ticket drawn */
                            rank: number | null;
                            root: string;
                            /** @description HMAC-SHA256(seed, entrantId) */
                            shuffleKey: string | null;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/queue/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Keep my place (and read it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description once admitted: send it as X-Access-Token */
                            accessToken?: string;
                            etaSec: number | null;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** @description buyers ahead plus one (0 once admitted); null while pre-queued before the sale opens */
                            position: number | null;
                            /** @description the sale has not opened: the place is in the pre-queue */
                            preQueue?: boolean;
                            /** @description a fresh queue token (they expire) */
                            queueToken?: string;
                            state: "waiting" | "admitted" | "expired" | "closed";
                            ticket: number | null;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/queue/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My place in the queue, pushed (Server-Sent Events)
         * @description Bearer token, or `?queueToken=` for clients that cannot send headers (EventSource).
         */
        get: {
            parameters: {
                query?: {
                    queueToken?: string;
                };
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Server-Sent Events: `position` (data: {state: "waiting", position, etaSec, ticket, preQueue?}), `admitted` (data: {state: "admitted", accessToken, expiresAt, ticket}), `expired` (data: {state: "expired"}) and `closed` (data: {state: "closed"}); the stream ends after the last three. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED, FC_TOO_MANY_STREAMS */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_RATE_LIMITED" | "FC_TOO_MANY_STREAMS";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/seats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every seat with its state
         * @description Compressed with brotli or gzip as Accept-Encoding allows; a strong ETag, and 304 when If-None-Match names it.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            seats: {
                                /** @description section-row-number */
                                id: string;
                                number: number;
                                /** @description minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won) */
                                price: number;
                                row: number;
                                section: string;
                                state: "available" | "held" | "sold";
                            }[];
                        };
                    };
                };
                /** @description Not Modified: the body named by If-None-Match is current */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/seats/layout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The fixed layout of the seat map
         * @description Compressed with brotli or gzip as Accept-Encoding allows; a strong ETag, and 304 when If-None-Match names it.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ISO 4217 code, e.g. KRW */
                            currency: string;
                            /** @description a sale (event) id */
                            saleId: string;
                            seatCount: number;
                            sections: {
                                name: string;
                                /** @description index of the section's first seat in the states */
                                offset: number;
                                /** @description minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won) */
                                price: number;
                                rows: number;
                                seatsPerRow: number;
                            }[];
                        };
                    };
                };
                /** @description Not Modified: the body named by If-None-Match is current */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/seats/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The state of every seat, one character each
         * @description Compressed with brotli or gzip as Accept-Encoding allows; a strong ETag, and 304 when If-None-Match names it.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a sale (event) id */
                            saleId: string;
                            /** @description a = available, h = held, s = sold */
                            states: string;
                            /** @description opaque; send it back as ?version= to the stream */
                            version: string;
                        };
                    };
                };
                /** @description Not Modified: the body named by If-None-Match is current */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/seats/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Changes of the seat map (Server-Sent Events)
         * @description No token needed; a bearer token counts the stream against its user. `?version=` (or Last-Event-ID) resumes.
         */
        get: {
            parameters: {
                query?: {
                    version?: string;
                };
                header?: never;
                path: {
                    /** @description a sale (event) id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Server-Sent Events, each with the version as its id: `snapshot` (data: {version, states}) first unless the version sent is still known, then `delta` (data: SeatDelta: from, version, changes [[index, code]]). */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED, FC_TOO_MANY_STREAMS */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_RATE_LIMITED" | "FC_TOO_MANY_STREAMS";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds/{holdId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Release a hold */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                    "x-access-token"?: string;
                };
                path: {
                    holdId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            holdId: string;
                            /** @enum {string} */
                            status: "released";
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED, FC_NOT_ADMITTED, FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_BLOCKED" | "FC_NOT_ADMITTED" | "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_NOT_OPEN, FC_SALE_CLOSED, FC_INVALID_STATE */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_NOT_OPEN" | "FC_SALE_CLOSED" | "FC_INVALID_STATE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_HOLD_EXPIRED */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_HOLD_EXPIRED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 410;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_IDEMPOTENCY_MISMATCH */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_IDEMPOTENCY_MISMATCH";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 422;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds/{holdId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay for a hold
         * @description Accepted for booking (202): the outcome arrives on `GET /v1/me/stream` and at `GET /v1/reservations/:id`. `payment.simulate` exists in the development and test profiles only.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                    "x-access-token"?: string;
                };
                path: {
                    holdId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        payment?: {
                            key?: string;
                            method?: string;
                            simulate?: "approve" | "decline" | "timeout";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reservationId: string;
                            /** @enum {string} */
                            status: "pending";
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED, FC_NOT_ADMITTED, FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_BLOCKED" | "FC_NOT_ADMITTED" | "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_NOT_OPEN, FC_SALE_CLOSED, FC_INVALID_STATE */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_NOT_OPEN" | "FC_SALE_CLOSED" | "FC_INVALID_STATE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_HOLD_EXPIRED */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_HOLD_EXPIRED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 410;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_IDEMPOTENCY_MISMATCH */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_IDEMPOTENCY_MISMATCH";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 422;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds/{holdId}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Extend a hold */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                    "x-access-token"?: string;
                };
                path: {
                    holdId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": null | Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expiresAt: string;
                            holdId: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED, FC_NOT_ADMITTED, FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_BLOCKED" | "FC_NOT_ADMITTED" | "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_NOT_OPEN, FC_SALE_CLOSED, FC_INVALID_STATE, FC_EXTEND_LIMIT */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_NOT_OPEN" | "FC_SALE_CLOSED" | "FC_INVALID_STATE" | "FC_EXTEND_LIMIT";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_HOLD_EXPIRED */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_HOLD_EXPIRED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 410;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_IDEMPOTENCY_MISMATCH */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_IDEMPOTENCY_MISMATCH";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 422;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My reservations and claims, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description reservations: what it costs, minor units of `currency` */
                                amount?: number;
                                /** @description `amount` written for the reader's Accept-Language (ko: "₩60,000", en: "$19.99") */
                                amountText?: string;
                                couponCode?: string;
                                /** Format: date-time */
                                createdAt?: string;
                                /** @description ISO 4217 code, e.g. KRW */
                                currency?: string;
                                /** @description the reservation or claim id */
                                id: string;
                                reason?: string;
                                refund?: "due" | "refunded" | "nothing_charged";
                                /** @description a sale (event) id */
                                saleId: string;
                                /** @description a reservation's first seat */
                                seatId?: string;
                                /** @description every seat of a reservation, `seatId` first */
                                seatIds?: string[];
                                status: "pending" | "confirmed" | "failed" | "expired" | "cancelled";
                                type: "reservation" | "claim";
                                /** Format: date-time */
                                updatedAt?: string;
                            }[];
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My results, pushed (Server-Sent Events) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Server-Sent Events: `result` (id: the request id; data: ResultEvent, a reservation or claim that was confirmed or failed), and a `: heartbeat` comment every 15 s. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED, FC_TOO_MANY_STREAMS */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_RATE_LIMITED" | "FC_TOO_MANY_STREAMS";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reservation of mine */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description reservations: what it costs, minor units of `currency` */
                            amount?: number;
                            /** @description `amount` written for the reader's Accept-Language (ko: "₩60,000", en: "$19.99") */
                            amountText?: string;
                            couponCode?: string;
                            /** Format: date-time */
                            createdAt?: string;
                            /** @description ISO 4217 code, e.g. KRW */
                            currency?: string;
                            /** @description the reservation or claim id */
                            id: string;
                            reason?: string;
                            refund?: "due" | "refunded" | "nothing_charged";
                            /** @description a sale (event) id */
                            saleId: string;
                            /** @description a reservation's first seat */
                            seatId?: string;
                            /** @description every seat of a reservation, `seatId` first */
                            seatIds?: string[];
                            status: "pending" | "confirmed" | "failed" | "expired" | "cancelled";
                            type: "reservation" | "claim";
                            /** Format: date-time */
                            updatedAt?: string;
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED, FC_FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_BLOCKED" | "FC_FORBIDDEN";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": null | Record<string, never>;
                };
            };
            responses: {
                /** @description the same answer however often the cancel is sent */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            cancelledAt: string;
                            reservationId: string;
                            /** @enum {string} */
                            status: "cancelled";
                        };
                    };
                };
                /** @description Error: FC_VALIDATION */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_VALIDATION";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 400;
                        };
                    };
                };
                /** @description Error: FC_UNAUTHORIZED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNAUTHORIZED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 401;
                        };
                    };
                };
                /** @description Error: FC_BLOCKED */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_BLOCKED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 403;
                        };
                    };
                };
                /** @description Error: FC_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_NOT_FOUND";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 404;
                        };
                    };
                };
                /** @description Error: FC_NOT_CANCELLABLE, FC_CANCEL_WINDOW_CLOSED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_NOT_CANCELLABLE" | "FC_CANCEL_WINDOW_CLOSED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 409;
                        };
                    };
                };
                /** @description Error: FC_PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_PAYLOAD_TOO_LARGE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 413;
                        };
                    };
                };
                /** @description Error: FC_UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_UNSUPPORTED_MEDIA_TYPE";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 415;
                        };
                    };
                };
                /** @description Error: FC_RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_RATE_LIMITED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 429;
                        };
                    };
                };
                /** @description Error: FC_INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FC_INTERNAL";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 500;
                        };
                    };
                };
                /** @description Error: FC_UNAVAILABLE, FC_OVERLOADED */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: "FC_UNAVAILABLE" | "FC_OVERLOADED";
                            /** @description more about it: the offending field, the limit that was hit */
                            details?: unknown;
                            /** @description the HTTP reason phrase */
                            error: string;
                            /** @description what went wrong, for people */
                            message: string;
                            /**
                             * @description the HTTP status again
                             * @enum {number}
                             */
                            statusCode: 503;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
