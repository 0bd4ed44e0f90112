/** Device commands are routed under /api/v1 (the host adds /api from host.json's routePrefix). */
export const deviceApiPrefix = 'v1';
