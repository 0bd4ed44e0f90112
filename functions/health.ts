import { app } from '@azure/functions';
import { healthAnswer } from '../shared/commands/health';

app.http('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: async () => healthAnswer() });
