// Key scopes and action ids of the Deploy pane (issue 4). models/keys.ts joins every pane's lists.
// deploy: the environment table; deploy-wizard: the deploy/rollback wizard (deploy-checklist and
// deploy-running add the keys of those steps); deploy-confirm: the
// typed confirmation (captures text); deploy-log: a run's log; deploy-commands: the command log;
// deploy-abort: the abort question.
export const DEPLOY_KEY_SCOPES = ['deploy', 'deploy-wizard', 'deploy-checklist', 'deploy-running', 'deploy-confirm', 'deploy-log', 'deploy-commands', 'deploy-abort'] as const;
export const DEPLOY_ACTION_IDS = [
  'deploy-start',
  'deploy-rollback',
  'deploy-open-log',
  'deploy-command-log',
  'deploy-plan',
  'deploy-abort',
  'deploy-down',
  'deploy-up',
  'deploy-wiz-down',
  'deploy-wiz-up',
  'deploy-wiz-next',
  'deploy-wiz-back',
  'deploy-wiz-toggle',
  'deploy-wiz-tick-all',
  'deploy-wiz-override',
  'deploy-wiz-push',
  'deploy-wiz-new-version',
  'deploy-wiz-log',
  'deploy-wiz-rollback-now',
  'deploy-confirm-submit',
  'deploy-confirm-cancel',
  'deploy-confirm-erase',
  'deploy-log-top',
  'deploy-log-bottom',
  'deploy-log-search',
  'deploy-log-next',
  'deploy-log-prev',
  'deploy-log-follow',
  'deploy-log-close',
  'deploy-log-down',
  'deploy-commands-down',
  'deploy-commands-up',
  'deploy-commands-top',
  'deploy-commands-bottom',
  'deploy-log-up',
  'deploy-log-page-down',
  'deploy-log-page-up',
  'deploy-abort-yes',
  'deploy-abort-no',
] as const;
export type DeployActionId = (typeof DEPLOY_ACTION_IDS)[number];
