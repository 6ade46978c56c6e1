export { createTeamsConsumers, createTeamsRoutes } from './routes';
export { notifyHandoff, sendProactive, type ProactiveContent, type ProactiveResult } from './proactive';
export { TEAMS_TURN_JOB } from './teams-bot';
