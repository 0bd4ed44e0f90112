import { app } from '@azure/functions';
import { healthAnswer } from '../shared/commands/health';
import { setupFunctionsApp } from '../shared/protocol/setupFunctionsApp';

setupFunctionsApp();

app.http('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: async () => healthAnswer() });
