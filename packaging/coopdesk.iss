; Inno Setup script of the Windows installer: packs the one-folder app that `pyinstaller packaging\coopdesk.spec`
; leaves in dist\coopdesk\. Build it with: iscc packaging\coopdesk.iss  (the installer lands in dist\).
; Per-user by default (no administrator needed on a council laptop); an administrator may install for all.

#define AppName "coopdesk"
#define AppVersion "0.1.0"
#define AppId "org.coopdesk.Coopdesk"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=coopdesk contributors
DefaultDirName={autopf}\coopdesk
DefaultGroupName=coopdesk
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=coopdesk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\coopdesk.ico
UninstallDisplayIcon={app}\coopdesk-gui.exe
LicenseFile=..\LICENSE
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\coopdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; The shortcut carries the AppUserModelID, so Windows groups the window under it in the taskbar.
Name: "{group}\coopdesk"; Filename: "{app}\coopdesk-gui.exe"; AppUserModelID: "{#AppId}"
Name: "{group}\{cm:UninstallProgram,coopdesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\coopdesk"; Filename: "{app}\coopdesk-gui.exe"; Tasks: desktopicon; AppUserModelID: "{#AppId}"

[Run]
Filename: "{app}\coopdesk-gui.exe"; Description: "{cm:LaunchProgram,coopdesk}"; Flags: nowait postinstall skipifsilent
